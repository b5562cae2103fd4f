namespace Berth.Client.Dtos;

/// <summary>A host with its capacity and what is reserved on it, as the API returns it.</summary>
internal sealed record HostView(
    string Name,
    string Engine,
    string AdvertiseIp,
    string PortRange,
    long MemoryMb,
    long CpuShares,
    long ReservedMemoryMb,
    long ReservedCpuShares,
    int PortsInUse,
    int Instances)
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public bool Drain { get; init; }

    /// <summary><c>ready</c>, <c>draining</c> or <c>drained</c>.</summary>
    public string State { get; init; } = "ready";

    /// <summary>Ports of the range something outside Berth holds, skipped by placements for a while.</summary>
    public IReadOnlyList<BlockedPortView> BlockedPorts { get; init; } = [];
}
