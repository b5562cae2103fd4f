namespace Berth.Core.Gateway;

/// <summary>The names of the balancing policies the gateway knows, as tenants write them in a traffic policy.</summary>
public static class BalancingPolicies
{
    /// <summary>Each instance in turn: the default.</summary>
    public const string RoundRobin = "round-robin";

    /// <summary>The instance with the fewest requests in flight through this gateway.</summary>
    public const string LeastRequests = "least-requests";

    /// <summary>Every known name.</summary>
    public static IReadOnlyList<string> All { get; } = [RoundRobin, LeastRequests];

    /// <summary>True for a name in <see cref="All"/> (exact, lowercase).</summary>
    public static bool IsKnown(string? name) => name is RoundRobin or LeastRequests;
}
