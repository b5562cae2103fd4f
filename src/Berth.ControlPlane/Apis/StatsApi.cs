using Berth.ControlPlane.Apis.Dtos;
using Berth.ControlPlane.Gateway;
using Berth.Core.State;
using Berth.Gateway.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>/v1/apps/{id}/stats?window=minute|hour</c>: the app's traffic as all gateways together saw it.</summary>
public static class StatsApi
{
    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/apps/{id}/stats", GetAsync);
        return v1;
    }

    private static async Task<Results<Ok<StatsView>, ProblemHttpResult>> GetAsync(
        string id, string? window, HttpContext context, GatewayStatsCollector collector)
    {
        if (!TrafficWindows.TryParse(window, out var parsed))
        {
            return Problems.BadRequest("window must be minute or hour");
        }

        var (report, unreachable) = await collector.CollectAsync(id, parsed, context.RequestAborted);
        return TypedResults.Ok(StatsView.From(report, unreachable));
    }
}
