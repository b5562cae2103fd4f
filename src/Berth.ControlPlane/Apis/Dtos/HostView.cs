using Berth.Core.Hosts;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>A host's capacity beside what is reserved on it; every instance holds one port.</summary>
public sealed record HostView(
    string Name, string Engine, string AdvertiseIp, string PortRange, long MemoryMb, long CpuShares,
    long ReservedMemoryMb, long ReservedCpuShares, int PortsInUse, int Instances, IReadOnlyDictionary<string, string> Labels,
    bool Down = false, DateTimeOffset? DownSince = null)
{
    /// <param name="downSince">When the host stopped answering its heartbeats, or null while it is up.</param>
    public static HostView From(HostUsage u, DateTimeOffset? downSince = null) => new(
        u.Host.Name, u.Host.Engine, u.Host.AdvertiseIp, $"{u.Host.PortRangeStart}-{u.Host.PortRangeEnd}", u.Host.MemoryMb, u.Host.CpuShares,
        u.ReservedMemoryMb, u.ReservedCpuShares, u.PortsInUse, u.PortsInUse, u.Host.Labels, downSince is not null, downSince);
}
