using Berth.Core.Services;

namespace Berth.Projects.Compose;

/// <summary>One service of a compose file, reduced to what Berth runs.</summary>
public sealed record ComposeService
{
    public required string Name { get; init; }
    /// <summary>The repository in Berth's registry, such as <c>hello</c> or <c>base/redis</c>.</summary>
    public required string Image { get; init; }
    /// <summary>The image's tag; <c>latest</c> when the file gives none.</summary>
    public required string Tag { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    /// <summary>The command replacing the image's, one argument per item; empty for the image's own.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];
    public IReadOnlyList<ComposeDependency> DependsOn { get; init; } = [];
    public ComposeHealthCheck? HealthCheck { get; init; }
    public int Replicas { get; init; } = 1;
    public int? MemoryMb { get; init; }
    /// <summary>CPU shares from <c>deploy.resources.limits.cpus</c> (1 CPU = 1024 shares).</summary>
    public int? CpuShares { get; init; }
    /// <summary>The HTTP port the service listens on inside its containers.</summary>
    public required int Port { get; init; }
    /// <summary>True when the port is published (<c>ports</c>): the gateway routes to it. Only exposed otherwise.</summary>
    public bool Published { get; init; }
    public IReadOnlyList<ComposeVolumeMount> Volumes { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    public BerthServiceSettings Berth { get; init; } = BerthServiceSettings.Default;
    /// <summary>
    /// True when another service waits for it with <c>service_completed_successfully</c>: it runs once to completion
    /// (a migration, a seed) instead of serving, is never restarted and never routed.
    /// </summary>
    public bool OneShot { get; init; }
    /// <summary>
    /// The server when the image is one of Berth's base images (<c>postgres</c>, <c>mariadb</c>, <c>redis</c>): its health
    /// is asked over the server's own protocol, and a changed definition stops it before its new container starts on
    /// its volume. Null for any other image.
    /// </summary>
    public ServiceType? Server { get; init; }
}
