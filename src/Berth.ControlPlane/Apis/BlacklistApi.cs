using Berth.Contracts;
using Berth.ControlPlane.Auth;
using Berth.Core.State;
using Berth.Discovery.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// Client blacklists: <c>/v1/blacklist</c> for every app (admin only) and <c>/v1/apps/{id}/blacklist</c> for one.
/// Entries are IPv4/IPv6 addresses or CIDR ranges; a PUT replaces the list, an empty list clears it. Gateways refuse
/// listed clients with 403 within a second.
/// </summary>
internal static class BlacklistApi
{
    private const int MaxEntries = 10_000;

    public static RouteGroupBuilder MapBlacklistApi(this RouteGroupBuilder v1)
    {
        var global = v1.MapGroup("/blacklist").RequireAuthorization(Policies.Admin).WithTags(nameof(BlacklistApi));
        global.MapPut("/", (BlacklistRequest request, HttpContext context, IGatewaySettingsStore settings, GatewaySettingsPublisher publisher) =>
            SetAsync(null, request, context, settings, publisher));
        global.MapGet("/", async (HttpContext context, IGatewaySettingsStore settings) =>
            TypedResults.Ok(new BlacklistView(null, await settings.GetBlacklistAsync(null, context.RequestAborted))));

        var perApp = v1.MapGroup("/apps/{id}/blacklist");
        perApp.MapPut("/", SetForAppAsync);
        perApp.MapGet("/", GetForAppAsync);
        return v1;
    }

    private static Task<Results<Ok<BlacklistView>, ProblemHttpResult>> SetForAppAsync(
        string id, BlacklistRequest request, HttpContext context, IGatewaySettingsStore settings, GatewaySettingsPublisher publisher) =>
        SetAsync(id, request, context, settings, publisher);

    private static async Task<Ok<BlacklistView>> GetForAppAsync(string id, HttpContext context, IGatewaySettingsStore settings) =>
        TypedResults.Ok(new BlacklistView(id, await settings.GetBlacklistAsync(id, context.RequestAborted)));

    private static async Task<Results<Ok<BlacklistView>, ProblemHttpResult>> SetAsync(
        string? appId, BlacklistRequest request, HttpContext context, IGatewaySettingsStore settings, GatewaySettingsPublisher publisher)
    {
        if (request.Entries is null)
        {
            return Problems.BadRequest("entries is required: a list of IP addresses and CIDR ranges such as [\"203.0.113.7\", \"10.0.0.0/8\"] (empty to clear)");
        }

        if (request.Entries.Count > MaxEntries)
        {
            return Problems.BadRequest($"a blacklist holds at most {MaxEntries} entries");
        }

        var entries = new List<string>();
        foreach (var entry in request.Entries)
        {
            if (!IpRanges.TryParse(entry, out var network, out var reason))
            {
                return Problems.BadRequest(reason);
            }

            entries.Add(IpRanges.Format(network));
        }

        entries = [.. entries.Distinct(StringComparer.Ordinal)];
        await settings.SetBlacklistAsync(appId, entries, context.RequestAborted);
        await publisher.PublishBlacklistAsync(appId, entries, context.RequestAborted);
        return TypedResults.Ok(new BlacklistView(appId, entries));
    }
}
