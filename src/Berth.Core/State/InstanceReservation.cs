namespace Berth.Core.State;

/// <summary>A request to reserve a port, memory and CPU shares on a host for a new instance.</summary>
public sealed record InstanceReservation
{
    public required string InstanceId { get; init; }
    public required string AppId { get; init; }
    public required string Version { get; init; }
    public required string DeploymentId { get; init; }
    public required string HostName { get; init; }
    /// <summary>The host version the placement was computed from.</summary>
    public required long ExpectedHostVersion { get; init; }
    public int MemoryMb { get; init; }
    public int CpuShares { get; init; }
}
