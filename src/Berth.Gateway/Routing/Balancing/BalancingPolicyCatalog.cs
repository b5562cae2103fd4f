using Berth.Core.Gateway;

namespace Berth.Gateway.Routing.Balancing;

/// <summary>The built-in policies by name.</summary>
internal static class BalancingPolicyCatalog
{
    /// <summary>The policy of that name; round robin for an unknown name (settings are validated where they are written).</summary>
    public static IBalancingPolicy For(string? name) =>
        name == BalancingPolicies.LeastRequests ? LeastRequestsPolicy.Instance : RoundRobinPolicy.Instance;
}
