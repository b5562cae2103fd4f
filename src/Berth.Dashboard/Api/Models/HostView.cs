namespace Berth.Dashboard.Api.Models;

/// <summary>A host as <c>GET /v1/hosts</c> shows it: capacity beside what is reserved, labels, state and blocked ports.</summary>
public sealed record HostView(
    string Name,
    string Engine,
    string AdvertiseIp,
    string PortRange,
    long MemoryMb,
    long CpuShares,
    long ReservedMemoryMb,
    long ReservedCpuShares,
    int PortsInUse,
    int Instances,
    IReadOnlyDictionary<string, string> Labels,
    bool Drain,
    string State,
    bool Tls,
    bool Down,
    DateTimeOffset? DownSince)
{
    /// <summary>Ports of the range something outside Berth holds, skipped by placements for a while.</summary>
    public IReadOnlyList<BlockedPortView> BlockedPorts { get; init; } = [];
}
