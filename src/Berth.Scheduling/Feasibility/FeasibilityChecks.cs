namespace Berth.Scheduling.Feasibility;

/// <summary>The built-in checks, in the order they run: cheap and fixed ones first.</summary>
internal static class FeasibilityChecks
{
    /// <summary>Whether a host may run the app at all; a plan asks these once per host.</summary>
    public static IReadOnlyList<IFeasibilityCheck> Eligibility { get; } = [new HostCheck(), new DrainCheck(), new ConstraintCheck(), new AffinityCheck()];

    /// <summary>Whether one more instance fits; a plan asks these again after every instance it places.</summary>
    public static IReadOnlyList<IFeasibilityCheck> Fit { get; } = [new HardSpreadCheck(), new ResourceCheck()];

    /// <summary>The first refusal of <paramref name="checks"/>, or null.</summary>
    public static string? FirstRefusal(IReadOnlyList<IFeasibilityCheck> checks, HostCandidate host, Placement.PlacementRequest request)
    {
        // Indexed, not foreach: this runs for every host and every instance of a plan, and an enumerator over the
        // interface would be an allocation each time.
        for (var i = 0; i < checks.Count; i++)
        {
            if (checks[i].Refuse(host, request) is { } reason)
            {
                return reason;
            }
        }
        return null;
    }
}
