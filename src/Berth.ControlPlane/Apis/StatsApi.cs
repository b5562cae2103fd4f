using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Gateway;
using Berth.Core.Traffic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// The app's traffic as all gateways together saw it: <c>/v1/apps/{id}/stats?window=minute|hour</c> in totals, and
/// <c>/v1/apps/{id}/stats/series?window=minute|hour</c> step by step for charts (10-second steps over the last
/// minute, 1-minute steps over the last hour).
/// </summary>
internal static class StatsApi
{
    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/apps/{id}/stats", GetAsync);
        v1.MapGet("/apps/{id}/stats/series", GetSeriesAsync);
        return v1;
    }

    private static async Task<Results<Ok<StatsView>, ProblemHttpResult>> GetAsync(
        string id, string? window, HttpContext context, GatewayStatsCollector collector)
    {
        if (!TrafficWindows.TryParse(window, out var parsed))
        {
            return WindowRefused();
        }

        var (report, unreachable) = await collector.CollectAsync(id, parsed, context.RequestAborted);
        return TypedResults.Ok(StatsView.From(report, unreachable));
    }

    private static async Task<Results<Ok<TrafficSeriesView>, ProblemHttpResult>> GetSeriesAsync(
        string id, string? window, HttpContext context, GatewayStatsCollector collector, TimeProvider time)
    {
        if (!TrafficWindows.TryParse(window, out var parsed))
        {
            return WindowRefused();
        }

        var (series, unreachable) = await collector.CollectSeriesAsync(id, parsed, context.RequestAborted);
        return TypedResults.Ok(TrafficSeriesView.From(series, parsed, unreachable, time.GetUtcNow()));
    }

    private static ProblemHttpResult WindowRefused() => Problems.BadRequest("window must be minute or hour");
}
