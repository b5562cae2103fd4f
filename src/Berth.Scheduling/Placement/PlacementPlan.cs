namespace Berth.Scheduling.Placement;

/// <summary>
/// The scheduler's answer: where each wanted instance goes, and, when not all of them fit, why each host refused
/// the first one that did not. Global plans also list the hosts that were not eligible, which is not a failure.
/// </summary>
public sealed record PlacementPlan(string AppId, int Wanted, IReadOnlyList<PlannedInstance> Placements, IReadOnlyList<HostRefusal> Refusals)
{
    /// <summary>Hosts a global plan skipped because the app may not run there, and why.</summary>
    public IReadOnlyList<HostRefusal> Ineligible { get; init; } = [];

    /// <summary>Every wanted instance has a host.</summary>
    public bool Complete => Placements.Count == Wanted;

    /// <summary>One sentence for a deployment's reason, naming every host and why it refused.</summary>
    public string Explain()
    {
        if (Complete)
        {
            return $"placed {Wanted} instance(s) of {AppId}";
        }
        if (Refusals.Count == 0)
        {
            return "no host is registered";
        }
        var lead = Placements.Count == 0
            ? $"no host can take an instance of {AppId}"
            : $"only {Placements.Count} of {Wanted} instance(s) of {AppId} fit; no host can take another";
        return $"{lead}: {string.Join("; ", Refusals)}";
    }
}
