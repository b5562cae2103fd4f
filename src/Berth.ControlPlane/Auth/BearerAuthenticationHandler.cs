using System.Security.Claims;
using System.Text.Encodings.Web;
using Berth.Core.State;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Auth;

/// <summary>Turns <c>Authorization: Bearer …</c> into the tenant whose token hash matches.</summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IStateStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        var tenant = token.Length == 0 ? null : await store.FindTenantByTokenHashAsync(Tokens.Hash(token), Context.RequestAborted);
        if (tenant is null)
        {
            return AuthenticateResult.Fail("unknown token");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, tenant.Name) };
        if (tenant.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, Caller.AdminRole));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
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
            detail: "this call needs an admin token").ExecuteAsync(Context);
}
