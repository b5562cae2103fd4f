namespace Berth.Bench.Discovery;

/// <summary>Registration-to-watcher latencies of one backend, in milliseconds, sorted.</summary>
internal sealed record Measurement(string Backend, IReadOnlyList<double> SortedMs)
{
    public double Percentile(double p) => SortedMs[Math.Min(SortedMs.Count - 1, (int)Math.Ceiling(p / 100 * SortedMs.Count) - 1)];
}
