using Berth.Core.Hosts;

namespace Berth.Scheduling.Placement;

/// <summary>The chosen host, or why no host fits (one reason per host).</summary>
public sealed record PlacementResult(HostUsage? Host, IReadOnlyList<string> Refusals)
{
    public bool Placed => Host is not null;

    /// <summary>One sentence for a deployment's reason.</summary>
    public string Explain() => Refusals.Count == 0
        ? "no host is registered"
        : "no host can take the instance: " + string.Join("; ", Refusals);
}
