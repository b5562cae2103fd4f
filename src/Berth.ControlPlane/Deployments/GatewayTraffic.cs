using Berth.Core.Gateway;
using Berth.Core.State;
using Berth.Discovery.Gateway;

namespace Berth.ControlPlane.Deployments;

/// <summary>What a deployment changes in how gateways route an app: its active version, and its traffic split (stored, then published).</summary>
public sealed class GatewayTraffic(IGatewaySettingsStore settings, GatewaySettingsPublisher publisher)
{
    /// <summary>Gateways send the app's traffic to <paramref name="version"/>.</summary>
    public Task PublishActiveVersionAsync(string appId, string version, CancellationToken cancellationToken) =>
        publisher.PublishActiveVersionAsync(appId, version, cancellationToken);

    /// <summary>Takes a version that no longer runs out of the app's traffic split; an empty split goes back to the default.</summary>
    public async Task DropFromSplitAsync(string appId, string version, CancellationToken cancellationToken)
    {
        if (await settings.GetTrafficAsync(appId, cancellationToken) is not { } policy || !policy.Weights.ContainsKey(version))
        {
            return;
        }

        var weights = policy.Weights.Where(w => w.Key != version).ToDictionary(StringComparer.Ordinal);
        var left = weights.Values.Any(w => w > 0) ? policy with { Weights = weights } : policy with { Weights = new Dictionary<string, int>() };
        var pruned = left.Weights.Count == 0 && left.Balancing == BalancingPolicies.RoundRobin ? null : left;
        await settings.SetTrafficAsync(appId, pruned, cancellationToken);
        await publisher.PublishTrafficAsync(appId, pruned, cancellationToken);
    }
}
