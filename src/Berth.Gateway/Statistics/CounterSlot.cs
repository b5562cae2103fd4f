using Berth.Core.Traffic;

namespace Berth.Gateway.Statistics;

/// <summary>
/// The layout of one slot of counters in a flat <c>long[]</c>: a stamp (which second or minute the slot holds), then
/// the counters. 32 longs, so slots never share a cache line boundary unevenly.
/// </summary>
internal static class CounterSlot
{
    public const int Stamp = 0;

    /// <summary>Requests: filled in when slots are summed (the sum of the status classes), never counted directly.</summary>
    public const int Requests = 1;

    /// <summary>Responses by status class: 1xx at this offset, then 2xx … 5xx.</summary>
    public const int Status = 2;
    public const int StatusClasses = 5;
    public const int BytesIn = 7;
    public const int BytesOut = 8;
    public const int LatencyMicros = 9;
    public const int Histogram = 10;
    public const int Size = 32;

    /// <summary>Which status counter a status code lands in (1xx-5xx); codes outside count as 5xx.</summary>
    public static int StatusOffset(int statusCode) => Status + (statusCode is >= 100 and < 600 ? (statusCode / 100) - 1 : 4);

    /// <summary>Reads a slot-sized array of summed counters as totals.</summary>
    public static TrafficTotals Totals(long[] slot) => new(
        slot[Requests],
        StatusOf(slot),
        slot[BytesIn],
        slot[BytesOut],
        LatencySummary.From(slot.AsSpan(Histogram, LatencyBuckets.Count).ToArray(), slot[LatencyMicros] / 1000.0));

    /// <summary>Reads a slot-sized array of summed counters as the step <paramref name="age"/> steps before the current one.</summary>
    public static TrafficPoint Point(int age, long[] slot) => new(
        age, slot[Requests], StatusOf(slot), slot[LatencyMicros], slot.AsSpan(Histogram, LatencyBuckets.Count).ToArray());

    private static StatusCounts StatusOf(long[] slot) =>
        new(slot[Status], slot[Status + 1], slot[Status + 2], slot[Status + 3], slot[Status + 4]);
}
