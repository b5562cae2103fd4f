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
    /// <summary>In-place restarts since the instance last ran steadily; each one waits twice as long as the one before.</summary>
    public int RestartCount { get; init; }
    public DateTimeOffset? LastRestartAt { get; init; }
    /// <summary>When the pending in-place restart is due, after its crash-loop back-off; null when none is pending.</summary>
    public DateTimeOffset? NextRestartAt { get; init; }
    /// <summary>Since when the instance fails its checks or its container is down; null while it is healthy.</summary>
    public DateTimeOffset? UnhealthySince { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public string Address => $"{HostIp}:{HostPort}";
}
