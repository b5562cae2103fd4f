namespace Berth.Core.Hosts;

/// <summary>A host with what is reserved on it, as the scheduler sees it.</summary>
public sealed record HostUsage(Host Host, long ReservedMemoryMb, long ReservedCpuShares, int PortsInUse)
{
    /// <summary>Ports of the host blocked now because something outside Berth holds them.</summary>
    public int PortsBlocked { get; init; }

    public long FreeMemoryMb => Host.MemoryMb - ReservedMemoryMb;
    public long FreeCpuShares => Host.CpuShares - ReservedCpuShares;
    public int FreePorts => Host.PortRangeEnd - Host.PortRangeStart + 1 - PortsInUse - PortsBlocked;
}
