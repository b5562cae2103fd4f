using Berth.Bench.Deploy;

namespace Berth.Bench.ColdStart;

/// <summary>Prints the median and p95 per side and the ratios of Berth's wake against the raw engine.</summary>
internal static class Percentiles
{
    public static void Print(IReadOnlyList<Measurement> results)
    {
        Console.WriteLine($"{"side",-22} {"runs",5} {"median (ms)",12} {"p95 (ms)",9}");
        foreach (var side in results.GroupBy(r => r.Side))
        {
            Console.WriteLine($"{side.Key,-22} {side.Count(),5} {Of(side, 0.5),12:F0} {Of(side, 0.95),9:F0}");
        }

        var berth = results.Where(r => r.Side == "berth wake").ToList();
        var raw = results.Where(r => r.Side != "berth wake").ToList();
        Console.WriteLine($"ratio berth/raw: median {Of(berth, 0.5) / Of(raw, 0.5):F2}x, p95 {Of(berth, 0.95) / Of(raw, 0.95):F2}x (target: p95 <= 1 s and <= 1.5x)");
    }

    /// <summary>The nearest-rank percentile of the times to first 200, in milliseconds.</summary>
    private static double Of(IEnumerable<Measurement> measurements, double quantile)
    {
        var sorted = measurements.Select(m => m.FirstOk.TotalMilliseconds).Order().ToList();
        return sorted[Math.Max((int)Math.Ceiling(quantile * sorted.Count) - 1, 0)];
    }
}
