using Berth.Core.Gateway;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>
/// An app's traffic policy: the split between versions (empty: the active version takes everything) and the balancing
/// policy among a version's instances.
/// </summary>
public sealed record TrafficView(IReadOnlyDictionary<string, int> Weights, string Balancing, string? ActiveVersion)
{
    public static TrafficView From(TrafficPolicy? policy, string? activeVersion) =>
        new(policy?.Weights ?? new Dictionary<string, int>(), policy?.Balancing ?? BalancingPolicies.RoundRobin, activeVersion);
}
