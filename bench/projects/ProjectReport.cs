namespace Berth.Bench.Projects;

/// <summary>Prints medians per side and Berth's ratio against the baseline.</summary>
internal static class ProjectReport
{
    public static void Print(IReadOnlyList<ProjectMeasurement> results)
    {
        Console.WriteLine($"{"side",-20} {"rounds",6} {"chain answers (ms)",19} {"deploy done (ms)",17}");
        foreach (var side in results.GroupBy(r => r.Side))
        {
            Console.WriteLine($"{side.Key,-20} {side.Count(),6} {Median(side, m => m.Answered),19:F0} {Median(side, m => m.Done),17:F0}");
        }

        var berth = results.Where(r => r.Side == "berth").ToList();
        var baseline = results.Where(r => r.Side != "berth").ToList();
        Console.WriteLine($"ratio berth/{baseline[0].Side}: chain answers {Median(berth, m => m.Answered) / Median(baseline, m => m.Answered):F2}x");
    }

    private static double Median(IEnumerable<ProjectMeasurement> measurements, Func<ProjectMeasurement, TimeSpan> pick)
    {
        var sorted = measurements.Select(m => pick(m).TotalMilliseconds).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
