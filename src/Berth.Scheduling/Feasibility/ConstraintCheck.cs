using Berth.Scheduling.Placement;

namespace Berth.Scheduling.Feasibility;

/// <summary>Every label constraint of the app must hold on the host; the first broken one is the reason.</summary>
internal sealed class ConstraintCheck : IFeasibilityCheck
{
    public string? Refuse(HostCandidate host, PlacementRequest request)
    {
        for (var i = 0; i < request.Constraints.Count; i++)
        {
            if (request.Constraints[i].Refuse(host.Host) is { } reason)
            {
                return reason;
            }
        }
        return null;
    }
}
