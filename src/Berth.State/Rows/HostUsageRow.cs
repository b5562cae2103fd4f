using Berth.Core.Hosts;

namespace Berth.State.Rows;

/// <summary>A host row joined with the sums of what its instances reserve and the count of its blocked ports.</summary>
internal sealed class HostUsageRow : HostRow
{
    public long ReservedMemoryMb { get; set; }
    public long ReservedCpuShares { get; set; }
    public long PortsInUse { get; set; }
    public long PortsBlocked { get; set; }

    public HostUsage ToHostUsage() =>
        new(ToHost(), ReservedMemoryMb, ReservedCpuShares, checked((int)PortsInUse)) { PortsBlocked = checked((int)PortsBlocked) };
}
