using Berth.Contracts;
using Berth.Core.Gateway;
using Berth.Core.State;
using Berth.Discovery.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/apps/{id}/https</c>: whether the gateways send the app's plain-HTTP requests to HTTPS (308) and which HSTS
/// they add to its answers over TLS. DELETE goes back to neither.
/// </summary>
internal static class HttpsApi
{
    public static RouteGroupBuilder MapHttpsApi(this RouteGroupBuilder v1)
    {
        var https = v1.MapGroup("/apps/{id}/https");
        https.MapPut("/", SetAsync);
        https.MapGet("/", GetAsync);
        https.MapDelete("/", ClearAsync);
        return v1;
    }

    private static async Task<Results<Ok<HttpsView>, ProblemHttpResult>> SetAsync(
        string id, HttpsRequest request, HttpContext context, IGatewaySettingsStore settings, GatewaySettingsPublisher publisher)
    {
        var maxAge = request.HstsMaxAge ?? 0;
        if (maxAge is < 0 or > HttpsPolicy.MaxHstsMaxAge)
        {
            return Problems.BadRequest($"hstsMaxAge must be a number of seconds from 0 (no HSTS) to {HttpsPolicy.MaxHstsMaxAge} (two years)");
        }

        if (request.HstsIncludeSubdomains == true && maxAge == 0)
        {
            return Problems.BadRequest("hstsIncludeSubdomains needs HSTS on: give hstsMaxAge too, such as 31536000 (a year)");
        }

        var policy = new HttpsPolicy { Redirect = request.HttpsRedirect == true, HstsMaxAge = maxAge, HstsIncludeSubdomains = request.HstsIncludeSubdomains == true };
        var stored = policy.Redirect || policy.HstsMaxAge > 0 ? policy : null;
        await settings.SetHttpsAsync(id, stored, context.RequestAborted);
        await publisher.PublishHttpsAsync(id, stored, context.RequestAborted);
        return TypedResults.Ok(View(stored));
    }

    private static async Task<Ok<HttpsView>> GetAsync(string id, HttpContext context, IGatewaySettingsStore settings) =>
        TypedResults.Ok(View(await settings.GetHttpsAsync(id, context.RequestAborted)));

    private static async Task<NoContent> ClearAsync(string id, HttpContext context, IGatewaySettingsStore settings, GatewaySettingsPublisher publisher)
    {
        await settings.SetHttpsAsync(id, null, context.RequestAborted);
        await publisher.PublishHttpsAsync(id, null, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static HttpsView View(HttpsPolicy? policy) =>
        new(policy?.Redirect == true, policy?.HstsMaxAge ?? 0, policy?.HstsIncludeSubdomains == true);
}
