using System.Net.Http.Headers;
using System.Text;
using Berth.Contracts;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Security.ApiTokens;
using Berth.ControlPlane.Security.Audit;
using Berth.ControlPlane.Security.Limits;
using Berth.ControlPlane.Security.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>GET /v1/registry/token</c>: Berth as the registry's token server (Docker Registry v2 token authentication).
/// The client signs in with HTTP Basic — the tenant's name and one of its API tokens, as in
/// <c>docker login -u TENANT -p TOKEN</c> — and gets a token granting what it owns of the scopes it asked for;
/// without credentials it gets a token granting nothing.
/// </summary>
internal static class RegistryTokenApi
{
    public const string Path = "/v1/registry/token";
    private const int MaxScopes = 16;

    public static WebApplication MapRegistryTokenApi(this WebApplication app)
    {
        app.MapGet(Path, IssueAsync);
        return app;
    }

    private static async Task<Results<Ok<RegistryTokenResponse>, ProblemHttpResult>> IssueAsync(
        HttpContext context, RegistryTokenIssuer issuer, RegistryAccessPolicy policy, ApiTokenService tokens, AuthFailureLimiter limiter,
        IOptions<BerthOptions> options)
    {
        if (!issuer.Enabled)
        {
            return Problems.NotFound("this Berth is not a registry token server: it runs without a registry signing key (Berth:RegistrySigningKey)");
        }

        var query = context.Request.Query;
        var service = options.Value.RegistryService;
        if (query["service"] is { Count: > 0 } asked && asked != service)
        {
            return Problems.BadRequest($"this token server serves '{service}' only");
        }

        var requested = query["scope"].SelectMany(s => (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var scopes = requested.Select(RegistryScope.Parse).ToArray();
        if (scopes.Length > MaxScopes || scopes.Any(s => s is null))
        {
            return Problems.BadRequest($"scope must be type:name:actions, such as repository:hello:pull,push; at most {MaxScopes}");
        }

        Caller? caller = null;
        if (context.Request.Headers.Authorization.Count > 0)
        {
            caller = TryReadBasic(context.Request.Headers.Authorization.ToString()) is { } basic
                && await tokens.AuthenticateAsync(basic.Password, context.RequestAborted) is { } known && known.Tenant == basic.User
                ? known
                : null;
            if (caller is null)
            {
                limiter.RecordFailure(context.Connection.RemoteIpAddress, context.Request.Headers.Authorization.ToString());
                AuditMiddleware.Record(context);
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"berth\"";
                return TypedResults.Problem(
                    "sign in with your tenant's name and one of its API tokens (docker login -u TENANT -p TOKEN)",
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Unauthorized");
            }
        }

        if (caller is not null)
        {
            limiter.RecordSuccess(context.Request.Headers.Authorization.ToString());
        }

        var granted = await policy.GrantAsync(caller, scopes!, context.RequestAborted);
        var issued = issuer.Issue(caller?.Tenant ?? "", granted);
        return TypedResults.Ok(new RegistryTokenResponse(issued.Token, issued.Token, issued.ExpiresIn, issued.IssuedAt));
    }

    private static (string User, string Password)? TryReadBasic(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return null;
        }

        var bytes = new byte[value.Parameter.Length];
        if (!Convert.TryFromBase64String(value.Parameter, bytes, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? (text[..colon], text[(colon + 1)..]) : null;
    }
}
