using Berth.Scheduling.Placement;

namespace Berth.Scheduling.Feasibility;

/// <summary>Memory, CPU shares and a port must be free beside what is reserved and planned.</summary>
internal sealed class ResourceCheck : IFeasibilityCheck
{
    public string? Refuse(HostCandidate host, PlacementRequest request)
    {
        var usage = host.Usage;
        if (usage.FreeMemoryMb < request.MemoryMb)
        {
            return $"not enough memory ({request.MemoryMb} MB asked, {usage.FreeMemoryMb} MB free)";
        }

        if (usage.FreeCpuShares < request.CpuShares)
        {
            return $"not enough CPU shares ({request.CpuShares} asked, {usage.FreeCpuShares} free)";
        }

        return usage.FreePorts <= 0 ? $"no free port in {usage.Host.PortRangeStart}-{usage.Host.PortRangeEnd}" : null;
    }
}
