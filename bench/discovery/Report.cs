namespace Berth.Bench.Discovery;

/// <summary>Prints one row per backend, with the ratio of its median to the first backend's (the in-process baseline).</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<Measurement> results)
    {
        Console.WriteLine($"{"backend",-10} {"changes",8} {"median (ms)",12} {"p99 (ms)",9} {"max (ms)",9} {"median vs " + results[0].Backend,20}");
        foreach (var result in results)
        {
            Console.WriteLine(
                $"{result.Backend,-10} {result.SortedMs.Count,8} {result.Percentile(50),12:F3} {result.Percentile(99),9:F3} {result.SortedMs[^1],9:F3} " +
                $"{result.Percentile(50) / results[0].Percentile(50),19:F1}x");
        }
    }
}
