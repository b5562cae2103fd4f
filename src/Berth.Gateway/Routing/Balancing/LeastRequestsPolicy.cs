using Berth.Core.Gateway;

namespace Berth.Gateway.Routing.Balancing;

/// <summary>
/// The available instance with the fewest requests in flight through this gateway. The scan starts at a rotating
/// position, so ties (an idle app) still spread like round robin.
/// </summary>
internal sealed class LeastRequestsPolicy : IBalancingPolicy
{
    public static LeastRequestsPolicy Instance { get; } = new();

    public string Name => BalancingPolicies.LeastRequests;

    public RouteDestination? Pick(VersionGroup group, long now, RouteDestination? exclude)
    {
        var all = group.Items;
        if (all.Length == 0)
        {
            return null;
        }

        var start = group.NextTurn();
        RouteDestination? best = null;
        var bestLoad = int.MaxValue;
        for (var i = 0u; i < (uint)all.Length; i++)
        {
            var candidate = all[(start + i) % (uint)all.Length];
            var load = candidate.InFlight;
            if (candidate != exclude && load < bestLoad && candidate.IsAvailable(now))
            {
                (best, bestLoad) = (candidate, load);
            }
        }

        return best;
    }
}
