using Berth.Core.Hosts;

namespace Berth.State.Rows;

/// <summary>A host row joined with the sums of what its instances reserve.</summary>
internal sealed class HostUsageRow : HostRow
{
    public long ReservedMemoryMb { get; set; }
    public long ReservedCpuShares { get; set; }
    public long PortsInUse { get; set; }

    public HostUsage ToHostUsage() => new(ToHost(), ReservedMemoryMb, ReservedCpuShares, checked((int)PortsInUse));
}
