namespace Berth.Gateway.Routing;

/// <summary>
/// Turns version weights into a repeating sequence of choices, so a split is exact over every cycle and smooth within
/// it (nginx's smooth weighted round robin): 90/10 gives nine picks of the first version, then one of the second,
/// interleaved rather than in runs. Picking is then one atomic increment.
/// </summary>
internal static class TrafficSchedule
{
    private const int MaxLength = 1000;

    /// <summary>A cycle of indexes into <paramref name="weights"/>; weights of 0 never appear. Empty when all are 0.</summary>
    public static int[] Build(IReadOnlyList<int> weights)
    {
        var scaled = Reduce(weights);
        var total = scaled.Sum();
        var schedule = new int[total];
        var current = new long[scaled.Length];
        for (var turn = 0; turn < total; turn++)
        {
            var best = -1;
            for (var i = 0; i < scaled.Length; i++)
            {
                current[i] += scaled[i];
                if (scaled[i] > 0 && (best < 0 || current[i] > current[best]))
                {
                    best = i;
                }
            }

            current[best] -= total;
            schedule[turn] = best;
        }

        return schedule;
    }

    /// <summary>Divides by the common divisor, and past <see cref="MaxLength"/> scales down (keeping every non-zero weight ≥ 1).</summary>
    private static int[] Reduce(IReadOnlyList<int> weights)
    {
        var divisor = weights.Where(w => w > 0).Aggregate(0, Gcd);
        if (divisor == 0)
        {
            return new int[weights.Count];
        }

        var reduced = weights.Select(w => Math.Max(w, 0) / divisor).ToArray();
        long total = reduced.Sum(w => (long)w);
        return total <= MaxLength
            ? reduced
            : [.. reduced.Select(w => w == 0 ? 0 : (int)Math.Max(1, Math.Round(w * (double)MaxLength / total)))];
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
