using Berth.Scheduling.Placement;

namespace Berth.Scheduling.Feasibility;

/// <summary>A draining host takes nothing new.</summary>
internal sealed class DrainCheck : IFeasibilityCheck
{
    public string? Refuse(HostCandidate host, PlacementRequest request) => host.Host.Drain ? "draining" : null;
}
