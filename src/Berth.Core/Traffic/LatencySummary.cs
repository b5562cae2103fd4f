namespace Berth.Core.Traffic;

/// <summary>
/// Request latency as percentiles and the histogram they come from (<see cref="BucketCounts"/> line up with
/// <see cref="BucketBoundsMs"/>, plus one unbounded bucket), so summaries from several gateways merge exactly.
/// </summary>
public sealed record LatencySummary(double P50Ms, double P90Ms, double P99Ms, double MeanMs, IReadOnlyList<double> BucketBoundsMs, IReadOnlyList<long> BucketCounts)
{
    /// <summary>A summary of a histogram with the total latency of its requests.</summary>
    public static LatencySummary From(IReadOnlyList<long> counts, double totalMs)
    {
        var requests = counts.Sum();
        return new LatencySummary(
            LatencyBuckets.Percentile(counts, 0.50),
            LatencyBuckets.Percentile(counts, 0.90),
            LatencyBuckets.Percentile(counts, 0.99),
            requests == 0 ? 0 : Math.Round(totalMs / requests, 3),
            LatencyBuckets.UpperBoundsMs,
            counts);
    }

    /// <summary>Adds histograms bucket by bucket and recomputes the percentiles.</summary>
    public static LatencySummary operator +(LatencySummary a, LatencySummary b)
    {
        if (!a.BucketBoundsMs.SequenceEqual(b.BucketBoundsMs) || a.BucketCounts.Count != b.BucketCounts.Count)
        {
            throw new InvalidDataException("latency histograms with different buckets cannot be merged");
        }

        var counts = a.BucketCounts.Zip(b.BucketCounts, (x, y) => x + y).ToArray();
        return From(counts, (a.MeanMs * a.BucketCounts.Sum()) + (b.MeanMs * b.BucketCounts.Sum()));
    }
}
