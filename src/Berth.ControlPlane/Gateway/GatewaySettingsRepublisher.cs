using Berth.Core.Discovery;
using Berth.Core.State;
using Berth.Discovery.Gateway;

namespace Berth.ControlPlane.Gateway;

/// <summary>
/// Puts every gateway setting the store holds back into discovery on start. It lives here, not beside
/// <see cref="GatewaySettingsPublisher"/> in Discovery, because it reads the store, and discovery never reads it.
/// </summary>
public sealed class GatewaySettingsRepublisher(IDiscoveryStore discovery, IStateStore store, IGatewaySettingsStore settings)
{
    /// <summary>
    /// Makes discovery hold exactly what the store says: puts every setting and deletes keys nothing in the store
    /// backs (a persistent discovery store may keep keys from before a crash).
    /// </summary>
    public async Task RepublishAsync(CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var app in (await store.ListAppsAsync(null, cancellationToken)).Where(a => a.ActiveVersion is not null))
        {
            wanted[GatewayKeys.Active(app.Id)] = app.ActiveVersion!;
        }

        foreach (var domain in await settings.ListDomainsAsync(null, cancellationToken))
        {
            wanted[GatewayKeys.Domain(domain.Domain)] = domain.AppId;
        }

        foreach (var (appId, policy) in await settings.ListTrafficAsync(cancellationToken))
        {
            wanted[GatewayKeys.Traffic(appId)] = GatewaySettingsPublisher.Serialize(policy);
        }

        foreach (var (appId, policy) in await settings.ListHttpsAsync(cancellationToken))
        {
            wanted[GatewayKeys.Https(appId)] = GatewaySettingsPublisher.Serialize(policy);
        }

        foreach (var blacklist in await settings.ListBlacklistsAsync(cancellationToken))
        {
            wanted[GatewayKeys.Blacklist(blacklist.AppId)] = GatewaySettingsPublisher.Serialize(blacklist.Entries);
        }

        foreach (var root in GatewayKeys.WatchedRoots)
        {
            var snapshot = await discovery.GetPrefixAsync(root, cancellationToken);
            foreach (var stale in snapshot.Entries.Where(e => !wanted.ContainsKey(e.Key)))
            {
                await discovery.DeleteAsync(stale.Key, cancellationToken);
            }
        }

        foreach (var (key, value) in wanted)
        {
            await discovery.PutAsync(key, value, cancellationToken);
        }
    }
}
