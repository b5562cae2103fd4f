namespace Berth.Core.Instances;

/// <summary>One container of an app version on one host, with the port and resources reserved for it.</summary>
public sealed record Instance
{
    public required string Id { get; init; }
    public required string AppId { get; init; }
    public required string Version { get; init; }
    public required string DeploymentId { get; init; }
    public required string HostName { get; init; }
    public required string HostIp { get; init; }
    public int HostPort { get; init; }
    public int MemoryMb { get; init; }
    public int CpuShares { get; init; }
    /// <summary>The engine's id, null until the container is created.</summary>
    public string? ContainerId { get; init; }
    public InstanceState State { get; init; } = InstanceState.Reserved;
    public InstanceHealth Health { get; init; } = InstanceHealth.Unknown;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public string Address => $"{HostIp}:{HostPort}";
}
