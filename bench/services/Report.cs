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

    public static void PrintThroughput(long databaseBytes, IReadOnlyList<Throughput> results)
    {
        Console.WriteLine($"PostgreSQL database of {databaseBytes / 1e6:F0} MB (pg_database_size), dump of {results[0].Bytes / 1e6:F0} MB:");
        Console.WriteLine($"{"side",-12} {"operation",-9} {"median (s)",10} {"MB/s",8}");
        foreach (var group in results.GroupBy(r => (r.Side, r.Operation)))
        {
            var median = MedianOf(group);
            Console.WriteLine($"{group.Key.Side,-12} {group.Key.Operation,-9} {median.Took.TotalSeconds,10:F1} {median.MegabytesPerSecond,8:F1}");
        }

        foreach (var operation in results.Select(r => r.Operation).Distinct())
        {
            double Rate(string side) => MedianOf(results.Where(r => r.Side == side && r.Operation == operation)).MegabytesPerSecond;
            Console.WriteLine($"ratio berth/by hand, {operation,-8}: {Rate("berth") / Rate("by hand"):F2}x of the throughput");
        }
    }

    /// <summary>The median run by time (of an even count, the slower of the middle two), the same one the table shows.</summary>
    private static Throughput MedianOf(IEnumerable<Throughput> runs)
    {
        var sorted = runs.OrderBy(r => r.Took).ToList();
        return sorted[sorted.Count / 2];
    }

    private static double Median(IEnumerable<Measurement> measurements)
    {
        var sorted = measurements.Select(m => m.FirstQuery.TotalMilliseconds).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
