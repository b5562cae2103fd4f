namespace Berth.Core.Apps;

/// <summary>How an instance's heartbeat endpoint is probed.</summary>
public sealed record HealthCheckSpec
{
    public string Path { get; init; } = "/_ping";
    public int IntervalSeconds { get; init; } = 5;
    public int TimeoutSeconds { get; init; } = 2;
    public int Retries { get; init; } = 3;
    /// <summary>Seconds after a (re)start during which failing probes do not count; a passing one ends the grace early.</summary>
    public int StartSeconds { get; init; } = 5;
}
