using Berth.Contracts;
using Berth.Core.Gateway;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps an app's traffic policy onto its view.</summary>
internal static class TrafficViewMapping
{
    extension(TrafficView)
    {
        public static TrafficView From(TrafficPolicy? policy, string? activeVersion) =>
            new(policy?.Weights ?? new Dictionary<string, int>(), policy?.Balancing ?? BalancingPolicies.RoundRobin, activeVersion);
    }
}
