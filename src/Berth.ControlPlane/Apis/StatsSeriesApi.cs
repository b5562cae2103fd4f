using Berth.ControlPlane.Apis.Dtos;
using Berth.ControlPlane.Gateway;
using Berth.Core.State;
using Berth.Gateway.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/apps/{id}/stats/series?window=minute|hour</c>: the app's traffic step by step (10-second steps over the last
/// minute, 1-minute steps over the last hour), as all gateways together saw it, for charts.
/// </summary>
public static class StatsSeriesApi
{
    public static RouteGroupBuilder MapStatsSeriesApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/apps/{id}/stats/series", GetAsync);
        return v1;
    }

    private static async Task<Results<Ok<TrafficSeriesView>, ProblemHttpResult>> GetAsync(
        string id, string? window, HttpContext context, GatewayStatsCollector collector, TimeProvider time)
    {
        if (!TrafficWindows.TryParse(window, out var parsed))
        {
            return Problems.BadRequest("window must be minute or hour");
        }

        var (series, unreachable) = await collector.CollectSeriesAsync(id, parsed, context.RequestAborted);
        return TypedResults.Ok(TrafficSeriesView.From(series, parsed, unreachable, time.GetUtcNow()));
    }
}
