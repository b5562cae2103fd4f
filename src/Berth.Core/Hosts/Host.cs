namespace Berth.Core.Hosts;

/// <summary>A Docker engine Berth places instances on, with its capacity.</summary>
public sealed record Host
{
    public required string Name { get; init; }
    /// <summary>The Engine API endpoint, e.g. <c>unix:///var/run/docker.sock</c> or <c>tcp://10.0.0.5:2376</c>.</summary>
    public required string Engine { get; init; }
    /// <summary>The client certificate a <c>tcp://</c> engine asks for, or null for an engine reached without TLS.</summary>
    public EngineTls? Tls { get; init; }
    /// <summary>The address host ports are bound on and that discovery hands out.</summary>
    public required string AdvertiseIp { get; init; }
    public int PortRangeStart { get; init; } = 25000;
    public int PortRangeEnd { get; init; } = 25999;
    public long MemoryMb { get; init; }
    /// <summary>CPU shares the host offers: 1024 per CPU.</summary>
    public long CpuShares { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>A draining host gets no new instances, and the ones it has are moved elsewhere.</summary>
    public bool Drain { get; init; }
    /// <summary>Bumped by every reservation and every change of labels or drain; a write that read an older version is stale.</summary>
    public long Version { get; init; }
}
