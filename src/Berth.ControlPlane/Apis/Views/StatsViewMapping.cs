using Berth.Contracts;
using Berth.Core.Traffic;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps the gateways' merged traffic report onto the API's view.</summary>
internal static class StatsViewMapping
{
    extension(StatsView)
    {
        public static StatsView From(TrafficReport report, IReadOnlyList<string> unreachable) => new(
            report.AppId, report.Window, report.Gateways, unreachable, TotalsOf(report.Total),
            [.. report.Instances.Select(i => new InstanceTrafficView(i.Instance, i.Version, i.Address, TotalsOf(i.Traffic)))]);
    }

    /// <summary>The view of a status-class count.</summary>
    public static StatusCountsView CountsOf(StatusCounts c) => new(c.Informational, c.Success, c.Redirection, c.ClientError, c.ServerError);

    private static TrafficTotalsView TotalsOf(TrafficTotals t) => new(
        t.Requests, CountsOf(t.Responses), t.BytesIn, t.BytesOut,
        new LatencyView(t.Latency.P50Ms, t.Latency.P90Ms, t.Latency.P99Ms, t.Latency.MeanMs, t.Latency.BucketBoundsMs, t.Latency.BucketCounts));
}
