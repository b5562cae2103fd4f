namespace Berth.Core.Gateway;

/// <summary>
/// How the gateway spreads an app's requests: an optional split between versions by weight (empty: the active
/// version takes everything) and the balancing policy used among the instances of the chosen version.
/// </summary>
public sealed record TrafficPolicy
{
    /// <summary>Version → weight (≥ 0, summing to more than 0 when not empty).</summary>
    public IReadOnlyDictionary<string, int> Weights { get; init; } = new Dictionary<string, int>();

    /// <summary>One of <see cref="BalancingPolicies"/>.</summary>
    public string Balancing { get; init; } = BalancingPolicies.RoundRobin;
}
