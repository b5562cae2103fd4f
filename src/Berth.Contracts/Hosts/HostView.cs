namespace Berth.Contracts;

/// <summary>A host's capacity beside what is reserved on it; every instance holds one port.</summary>
public sealed record HostView(
    string Name, string Engine, string AdvertiseIp, string PortRange, long MemoryMb, long CpuShares,
    long ReservedMemoryMb, long ReservedCpuShares, int PortsInUse, int Instances, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>True when the host takes no new instances and its instances are moved elsewhere.</summary>
    public bool Drain { get; init; }

    /// <summary><c>ready</c>, or <c>draining</c> while instances remain on a drained host, then <c>drained</c>.</summary>
    public string State { get; init; } = "ready";

    /// <summary>Whether the engine is reached over TCP with a client certificate.</summary>
    public bool Tls { get; init; }

    /// <summary>True when the host stopped answering its heartbeats: it takes no new instances, and its own were started elsewhere.</summary>
    public bool Down { get; init; }

    /// <summary>When the host went down, or null while it is up.</summary>
    public DateTimeOffset? DownSince { get; init; }

    /// <summary>Ports of the range that something outside Berth holds, skipped by placements for a while.</summary>
    public IReadOnlyList<BlockedPortView> BlockedPorts { get; init; } = [];
}
