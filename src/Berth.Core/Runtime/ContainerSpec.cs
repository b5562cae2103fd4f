namespace Berth.Core.Runtime;

/// <summary>What to create: the image, the published port and the limits (<c>-p HostIp:HostPort:ContainerPort -m MemoryMb -c CpuShares</c>).</summary>
public sealed record ContainerSpec
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required int ContainerPort { get; init; }
    public required string HostIp { get; init; }
    /// <summary>The host port to publish <see cref="ContainerPort"/> on; 0 publishes none (a container nothing calls from outside).</summary>
    public required int HostPort { get; init; }
    public int MemoryMb { get; init; }
    public int CpuShares { get; init; }
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>Mount the image's filesystem read-only; the runtime gives the container a small writable <c>/tmp</c>.</summary>
    public bool ReadOnlyRootFilesystem { get; init; }
    /// <summary>The network the container joins, made on demand (see <see cref="BerthNetworks"/>); null for the engine's default.</summary>
    public string? Network { get; init; }
    /// <summary>More names the container answers to on <see cref="Network"/> (a project service's name).</summary>
    public IReadOnlyList<string> NetworkAliases { get; init; } = [];
    /// <summary>The command replacing the image's; empty for the image's own.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];
    /// <summary>Named volumes to mount; the engine makes a missing one.</summary>
    public IReadOnlyList<VolumeMount> Volumes { get; init; } = [];
}
