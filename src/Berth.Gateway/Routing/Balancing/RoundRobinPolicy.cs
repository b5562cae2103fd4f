using Berth.Core.Gateway;

namespace Berth.Gateway.Routing.Balancing;

/// <summary>Each instance in turn, skipping those in a passive-health back-off.</summary>
internal sealed class RoundRobinPolicy : IBalancingPolicy
{
    public static RoundRobinPolicy Instance { get; } = new();

    public string Name => BalancingPolicies.RoundRobin;

    public RouteDestination? Pick(VersionGroup group, long now, RouteDestination? exclude)
    {
        var all = group.Items;
        if (all.Length == 0)
        {
            return null;
        }

        var turn = group.NextTurn();
        for (var i = 0u; i < (uint)all.Length; i++)
        {
            var candidate = all[(turn + i) % (uint)all.Length];
            if (candidate != exclude && candidate.IsAvailable(now))
            {
                return candidate;
            }
        }

        return null;
    }
}
