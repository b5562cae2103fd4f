using System.Security.Claims;
using System.Text.Encodings.Web;
using Berth.ControlPlane.Security.ApiTokens;
using Berth.ControlPlane.Security.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Auth;

/// <summary>Turns <c>Authorization: Bearer …</c> into the caller its token stands for; counts failures per client address and credential.</summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    AuthFailureLimiter limiter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>The principal of an authenticated caller, as the handlers and <see cref="Caller.From"/> read it.</summary>
    public static ClaimsPrincipal Principal(Caller caller)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Tenant) };
        if (caller.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, Caller.AdminRole));
        }

        if (caller.ReadOnly)
        {
            claims.Add(new Claim(Caller.ReadOnlyClaim, "true"));
        }

        if (caller.TokenId is not null)
        {
            claims.Add(new Claim(Caller.TokenIdClaim, caller.TokenId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            limiter.RecordFailure(Context.Connection.RemoteIpAddress, header);
            return AuthenticateResult.Fail("unknown or revoked token");
        }

        limiter.RecordSuccess(header);
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(caller), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "a valid bearer token is required (Authorization: Bearer <token>)").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            detail: Context.User.HasClaim(c => c.Type == Caller.ReadOnlyClaim) && !WritableScopeRequirement.IsReading(Request.Method)
                ? "this token is read-only: it may not change anything"
                : "this call needs an admin token").ExecuteAsync(Context);
}
