namespace Berth.Bench.Services;

/// <summary>One timed backup or restore of the bench database: who ran it, what, how many bytes of dump, how long.</summary>
internal sealed record Throughput(string Side, string Operation, long Bytes, TimeSpan Took)
{
    public double MegabytesPerSecond => Bytes / 1e6 / Took.TotalSeconds;
}
