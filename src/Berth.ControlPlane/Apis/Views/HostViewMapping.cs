using Berth.Contracts;
using Berth.Core.Hosts;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps a host's usage onto its view.</summary>
internal static class HostViewMapping
{
    extension(HostView)
    {
        public static HostView From(HostUsage u) => new(
            u.Host.Name, u.Host.Engine, u.Host.AdvertiseIp, $"{u.Host.PortRangeStart}-{u.Host.PortRangeEnd}", u.Host.MemoryMb, u.Host.CpuShares,
            u.ReservedMemoryMb, u.ReservedCpuShares, u.PortsInUse, u.PortsInUse, u.Host.Labels)
        {
            Drain = u.Host.Drain,
            State = !u.Host.Drain ? "ready" : u.PortsInUse > 0 ? "draining" : "drained",
            Tls = u.Host.Tls is not null,
        };
    }
}
