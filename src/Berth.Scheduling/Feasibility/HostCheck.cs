using Berth.Scheduling.Placement;

namespace Berth.Scheduling.Feasibility;

/// <summary>A request pinned to one host (a project group's) may go nowhere else.</summary>
internal sealed class HostCheck : IFeasibilityCheck
{
    public string? Refuse(HostCandidate host, PlacementRequest request) =>
        request.Host is { } pinned && host.Host.Name != pinned ? $"not {pinned}, the host of the instance's group" : null;
}
