using Berth.Scheduling.Placement;

namespace Berth.Scheduling.Feasibility;

/// <summary>One yes-or-no question about a host, answered with the reason when the answer is no.</summary>
internal interface IFeasibilityCheck
{
    /// <summary>Why the host cannot take the instance, or null when it can.</summary>
    string? Refuse(HostCandidate host, PlacementRequest request);
}
