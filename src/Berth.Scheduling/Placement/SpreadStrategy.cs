using Berth.Core.Hosts;

namespace Berth.Scheduling.Placement;

/// <summary>The default: the host with the most free memory, so load spreads evenly.</summary>
internal sealed class SpreadStrategy : IPlacementStrategy
{
    public string Name => PlacementStrategies.Spread;

    public double Score(HostUsage host, PlacementRequest request) => host.FreeMemoryMb;
}
