using Berth.Scheduling.Placement;

namespace Berth.Scheduling.Feasibility;

/// <summary><c>"with": "other-app"</c>: only hosts that run the other app.</summary>
internal sealed class AffinityCheck : IFeasibilityCheck
{
    public string? Refuse(HostCandidate host, PlacementRequest request) =>
        request.AffinityWith is { } other && host.AffinityInstances == 0 ? $"runs no instance of {other} (affinity)" : null;
}
