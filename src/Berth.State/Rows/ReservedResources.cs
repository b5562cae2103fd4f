namespace Berth.State.Rows;

/// <summary>The sums of what a host's instances reserve.</summary>
internal sealed class ReservedResources
{
    public long MemoryMb { get; set; }
    public long CpuShares { get; set; }
}
