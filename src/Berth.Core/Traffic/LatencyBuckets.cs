namespace Berth.Core.Traffic;

/// <summary>
/// The fixed latency histogram every gateway keeps, so histograms from several gateways merge by adding counts.
/// Bounds are upper limits in microseconds; the last bucket is unbounded.
/// </summary>
public static class LatencyBuckets
{
    private static readonly long[] UpperMicros =
        [100, 250, 500, 1_000, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000, 25_000, 50_000, 75_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000];

    /// <summary>How many buckets a histogram has (the bounded ones plus the unbounded last).</summary>
    public static int Count => UpperMicros.Length + 1;

    /// <summary>The upper bounds in milliseconds, without the unbounded last bucket.</summary>
    public static IReadOnlyList<double> UpperBoundsMs { get; } = [.. UpperMicros.Select(m => m / 1000.0)];

    /// <summary>The bucket of a latency; a linear scan, since nearly every request lands in the first few.</summary>
    public static int IndexOf(long micros)
    {
        var bounds = UpperMicros;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (micros <= bounds[i])
            {
                return i;
            }
        }

        return bounds.Length;
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0-1) of a histogram in milliseconds, interpolated linearly inside its bucket;
    /// 0 for an empty histogram, the last bound for requests past it.
    /// </summary>
    public static double Percentile(IReadOnlyList<long> counts, double quantile)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0 || seen + counts[i] < rank)
            {
                seen += counts[i];
                continue;
            }

            if (i >= UpperMicros.Length)
            {
                return UpperMicros[^1] / 1000.0;
            }

            var lower = i == 0 ? 0 : UpperMicros[i - 1];
            var within = (rank - seen) / counts[i];
            return Math.Round((lower + ((UpperMicros[i] - lower) * within)) / 1000.0, 3);
        }

        return UpperMicros[^1] / 1000.0;
    }
}
