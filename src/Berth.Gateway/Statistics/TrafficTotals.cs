namespace Berth.Gateway.Statistics;

/// <summary>What went through the gateway for one app or instance over a window.</summary>
public sealed record TrafficTotals(long Requests, StatusCounts Responses, long BytesIn, long BytesOut, LatencySummary Latency)
{
    /// <summary>Totals of nothing.</summary>
    public static TrafficTotals Empty { get; } = From(new long[CounterSlot.Size]);

    /// <summary>Reads a slot-sized array of summed counters.</summary>
    internal static TrafficTotals From(long[] slot) => new(
        slot[CounterSlot.Requests],
        new StatusCounts(slot[CounterSlot.Status], slot[CounterSlot.Status + 1], slot[CounterSlot.Status + 2], slot[CounterSlot.Status + 3], slot[CounterSlot.Status + 4]),
        slot[CounterSlot.BytesIn],
        slot[CounterSlot.BytesOut],
        LatencySummary.From(slot.AsSpan(CounterSlot.Histogram, LatencyBuckets.Count).ToArray(), slot[CounterSlot.LatencyMicros] / 1000.0));

    /// <summary>Sums counters and merges histograms.</summary>
    public static TrafficTotals operator +(TrafficTotals a, TrafficTotals b) =>
        new(a.Requests + b.Requests, a.Responses + b.Responses, a.BytesIn + b.BytesIn, a.BytesOut + b.BytesOut, a.Latency + b.Latency);
}
