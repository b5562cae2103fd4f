using Berth.Core.Services;

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

    /// <summary>
    /// For a project service that runs one of Berth's base images: the server whose own protocol is asked instead of
    /// HTTP (<see cref="Path"/> is then unused). Null for an HTTP check.
    /// </summary>
    public ServiceType? Server { get; init; }

    /// <summary>What the check asks, for messages: the path, or the server's protocol.</summary>
    public string Describe() => Server is { } server ? $"the {server.ToString().ToLowerInvariant()} protocol" : Path;
}
