using Berth.Core.Hosts;

namespace Berth.Scheduling.Placement;

/// <summary>The host with the most unreserved CPU shares, for CPU-bound apps.</summary>
internal sealed class IdleCpuStrategy : IPlacementStrategy
{
    public string Name => PlacementStrategies.IdleCpu;

    public double Score(HostUsage host, PlacementRequest request) => host.FreeCpuShares;
}
