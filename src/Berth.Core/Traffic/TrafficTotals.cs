namespace Berth.Core.Traffic;

/// <summary>What went through the gateway for one app or instance over a window.</summary>
public sealed record TrafficTotals(long Requests, StatusCounts Responses, long BytesIn, long BytesOut, LatencySummary Latency)
{
    /// <summary>Totals of nothing.</summary>
    public static TrafficTotals Empty { get; } = new(0, new StatusCounts(0, 0, 0, 0, 0), 0, 0, LatencySummary.From(new long[LatencyBuckets.Count], 0));

    /// <summary>Sums counters and merges histograms.</summary>
    public static TrafficTotals operator +(TrafficTotals a, TrafficTotals b) =>
        new(a.Requests + b.Requests, a.Responses + b.Responses, a.BytesIn + b.BytesIn, a.BytesOut + b.BytesOut, a.Latency + b.Latency);
}
