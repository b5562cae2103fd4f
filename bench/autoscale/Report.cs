namespace Berth.Bench.Autoscale;

/// <summary>Prints each side's times, its latency per five seconds of load, the decisions and the ratios.</summary>
internal static class Report
{
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(5);

    public static void Print(string side, StepResult result)
    {
        var failed = result.Answers.Count(a => a.Status != 200);
        Console.WriteLine();
        Console.WriteLine($"{side}: {result.Answers.Count} requests, {failed} not 200");
        Console.WriteLine($"  desired count set after {Seconds(result.DesiredAt)}, routed (answers from every instance) after {Seconds(result.RoutedAt)}");
        Console.WriteLine($"  back to 1 instance {result.Back.TotalSeconds:0.0} s after the load ended");
        Console.WriteLine($"  {"load (s)",-10} {"requests",8} {"p50 (ms)",9} {"p99 (ms)",9} {"instances answering",20}");
        foreach (var slice in result.Answers.GroupBy(a => (int)(a.At / Slice)).OrderBy(g => g.Key))
        {
            var ok = slice.Where(a => a.Status == 200).ToList();
            Console.WriteLine($"  {$"{slice.Key * Slice.TotalSeconds:0}-{(slice.Key + 1) * Slice.TotalSeconds:0}",-10} {slice.Count(),8} {Of(ok, 0.5),9:F0} {Of(ok, 0.99),9:F0} {ok.Select(a => a.Body).Distinct().Count(),20}");
        }
    }

    public static void Decisions(IReadOnlyList<(TimeSpan After, string Message)> decisions)
    {
        Console.WriteLine();
        Console.WriteLine("autoscaler decisions (from the load's start):");
        foreach (var (after, message) in decisions)
        {
            Console.WriteLine($"  +{after.TotalSeconds,5:0.0} s  {message}");
        }
    }

    public static void Ratios(StepResult byHand, StepResult autoscaled, TimeSpan window)
    {
        Console.WriteLine();
        Console.WriteLine($"ratio autoscaler/by hand: routed {Ratio(autoscaled.RoutedAt, byHand.RoutedAt)}, " +
            $"back to 1 {autoscaled.Back / byHand.Back:F2}x ({(autoscaled.Back - window) / byHand.Back:F2}x without the {window.TotalSeconds:0} s window it waits by design)");
    }

    private static string Ratio(TimeSpan? of, TimeSpan? to) => of is { } a && to is { } b ? $"{a / b:F2}x" : "n/a (not routed during the load)";

    private static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:0.0} s" : "never during the load";

    private static double Of(IReadOnlyList<Answer> answers, double quantile)
    {
        if (answers.Count == 0)
        {
            return double.NaN;
        }

        var sorted = answers.Select(a => a.Latency.TotalMilliseconds).Order().ToList();
        return sorted[Math.Max((int)Math.Ceiling(quantile * sorted.Count) - 1, 0)];
    }
}
