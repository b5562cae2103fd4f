using Berth.Core.Instances;
using Berth.Scheduling.Placement;

namespace Berth.ControlPlane.Execution;

/// <summary>What a <see cref="Placer"/> achieved: the reserved instances, or the plan that explains why none were.</summary>
/// <param name="Instances">The instances reserved, in plan order; empty when the plan was refused.</param>
/// <param name="Plan">The last plan made; when it is not complete, its <see cref="PlacementPlan.Explain"/> is the reason.</param>
/// <param name="Conflicts">How many commits came back stale and were planned again.</param>
public sealed record PlacementOutcome(IReadOnlyList<Instance> Instances, PlacementPlan Plan, int Conflicts)
{
    public bool Placed => Plan.Complete;
}
