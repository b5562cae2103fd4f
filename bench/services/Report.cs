namespace Berth.Bench.Services;

/// <summary>Prints the median per side and type, and the ratio of Berth against <c>docker run</c>.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<Measurement> results)
    {
        Console.WriteLine($"{"side",-12} {"type",-9} {"first query (ms)",17}");
        foreach (var group in results.GroupBy(r => (r.Side, r.Type)))
        {
            Console.WriteLine($"{group.Key.Side,-12} {group.Key.Type,-9} {Median(group),17:F0}");
        }

        foreach (var type in results.Select(r => r.Type).Distinct())
        {
            var berth = Median(results.Where(r => r.Side == "berth" && r.Type == type));
            var raw = Median(results.Where(r => r.Side != "berth" && r.Type == type));
            Console.WriteLine($"ratio berth/docker run, {type,-8}: {berth / raw:F2}x");
        }
    }

    private static double Median(IEnumerable<Measurement> measurements)
    {
        var sorted = measurements.Select(m => m.FirstQuery.TotalMilliseconds).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
