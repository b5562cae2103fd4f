using Berth.Core.Hosts;

namespace Berth.Scheduling.Placement;

/// <summary>
/// Fills the fullest host that fits: the least memory left after placing (best fit), so whole hosts stay free
/// for large instances and idle ones can be drained.
/// </summary>
internal sealed class BinpackStrategy : IPlacementStrategy
{
    public string Name => PlacementStrategies.Binpack;

    public double Score(HostUsage host, PlacementRequest request) => -(host.FreeMemoryMb - request.MemoryMb);
}
