namespace Berth.Bench.Deploy;

/// <summary>Prints medians per side and instance count, and the ratios against the raw engine.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<Measurement> results, double idleRssMb, double afterRssMb)
    {
        Console.WriteLine($"{"side",-20} {"instances",9} {"first 200 (ms)",15} {"all 200 (ms)",13}");
        foreach (var group in results.GroupBy(r => (r.Side, r.Instances)))
        {
            Console.WriteLine($"{group.Key.Side,-20} {group.Key.Instances,9} {Median(group, m => m.FirstOk),15:F0} {Median(group, m => m.AllOk),13:F0}");
        }

        foreach (var instances in results.Select(r => r.Instances).Distinct())
        {
            var berth = results.Where(r => r.Side == "berth" && r.Instances == instances).ToList();
            var raw = results.Where(r => r.Side != "berth" && r.Instances == instances).ToList();
            Console.WriteLine($"ratio berth/raw, {instances,2} instance(s): first 200 {Median(berth, m => m.FirstOk) / Median(raw, m => m.FirstOk):F2}x, " +
                $"all 200 {Median(berth, m => m.AllOk) / Median(raw, m => m.AllOk):F2}x (target <= 1.5x)");
        }

        Console.WriteLine($"berth RSS: idle {idleRssMb:F0} MB, after the run {afterRssMb:F0} MB (target < 150 MB)");
    }

    private static double Median(IEnumerable<Measurement> measurements, Func<Measurement, TimeSpan> pick)
    {
        var sorted = measurements.Select(m => pick(m).TotalMilliseconds).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
