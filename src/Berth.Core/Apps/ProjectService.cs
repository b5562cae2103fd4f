using Berth.Core.Runtime;

namespace Berth.Core.Apps;

/// <summary>
/// What makes an app a service of a project (a compose file): the containers join the project's network, where the
/// other services find them by <see cref="Service"/>, run the image's tag named in the file (the app's versions are
/// revisions of the service's definition), and get the file's command, named volumes and labels.
/// </summary>
public sealed record ProjectService
{
    public required string Project { get; init; }
    public required string Service { get; init; }
    /// <summary>The image tag every version of the app runs.</summary>
    public required string ImageTag { get; init; }
    /// <summary>The command replacing the image's; empty for the image's own.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];
    public IReadOnlyList<VolumeMount> Volumes { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>False for a service only the project's other services reach: the gateway refuses it.</summary>
    public bool Published { get; init; } = true;
    /// <summary>
    /// While a revision that changed the health check rolls out: the check the instances of every other version were
    /// started with, so the old instances keep being probed on what they serve. Null when all versions share the app's.
    /// </summary>
    public HealthCheckSpec? EarlierHealthCheck { get; init; }
    /// <summary>The version the app's current health check came with; set together with <see cref="EarlierHealthCheck"/>.</summary>
    public string? HealthCheckVersion { get; init; }
}
