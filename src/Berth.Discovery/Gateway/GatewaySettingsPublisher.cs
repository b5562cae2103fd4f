using System.Text.Json;
using Berth.Core.Discovery;
using Berth.Core.Gateway;

namespace Berth.Discovery.Gateway;

/// <summary>
/// Writes gateway settings to discovery in the layout of <see cref="GatewayKeys"/>. It is handed values and reads no
/// database: the control plane's store stays their source of truth, and puts them all back on start
/// (<c>Berth.ControlPlane.Gateway.GatewaySettingsRepublisher</c>).
/// </summary>
public sealed class GatewaySettingsPublisher(IDiscoveryStore store)
{
    /// <summary>Routes <paramref name="domain"/> (canonical) to the app.</summary>
    public Task PublishDomainAsync(string domain, string appId, CancellationToken cancellationToken) =>
        store.PutAsync(GatewayKeys.Domain(domain), appId, cancellationToken);

    /// <summary>Stops routing <paramref name="domain"/>.</summary>
    public Task UnpublishDomainAsync(string domain, CancellationToken cancellationToken) =>
        store.DeleteAsync(GatewayKeys.Domain(domain), cancellationToken);

    /// <summary>Publishes the base domain gateways on their own take.</summary>
    public Task PublishBaseDomainAsync(string baseDomain, CancellationToken cancellationToken) =>
        store.PutAsync(GatewayKeys.BaseDomain, baseDomain, cancellationToken);

    /// <summary>The base domain a control plane published, or null before any did.</summary>
    public static async Task<string?> ReadBaseDomainAsync(IDiscoveryStore store, CancellationToken cancellationToken) =>
        (await store.GetPrefixAsync(GatewayKeys.SettingsRoot, cancellationToken).ConfigureAwait(false))
            .Entries.FirstOrDefault(e => e.Key == GatewayKeys.BaseDomain)?.Value;

    /// <summary>Publishes the app's traffic policy, or withdraws it (null).</summary>
    public Task PublishTrafficAsync(string appId, TrafficPolicy? policy, CancellationToken cancellationToken) =>
        policy is null
            ? store.DeleteAsync(GatewayKeys.Traffic(appId), cancellationToken)
            : store.PutAsync(GatewayKeys.Traffic(appId), Serialize(policy), cancellationToken);

    /// <summary>Publishes the app's HTTPS policy, or withdraws it (null).</summary>
    public Task PublishHttpsAsync(string appId, HttpsPolicy? policy, CancellationToken cancellationToken) =>
        policy is null
            ? store.DeleteAsync(GatewayKeys.Https(appId), cancellationToken)
            : store.PutAsync(GatewayKeys.Https(appId), Serialize(policy), cancellationToken);

    /// <summary>Publishes an app's blacklist or the global one (null app); an empty list withdraws it.</summary>
    public Task PublishBlacklistAsync(string? appId, IReadOnlyList<string> entries, CancellationToken cancellationToken) =>
        entries.Count == 0
            ? store.DeleteAsync(GatewayKeys.Blacklist(appId), cancellationToken)
            : store.PutAsync(GatewayKeys.Blacklist(appId), Serialize(entries), cancellationToken);

    /// <summary>Publishes the version that takes the app's traffic when no split is set, or withdraws it (null).</summary>
    public Task PublishActiveVersionAsync(string appId, string? version, CancellationToken cancellationToken) =>
        version is null
            ? store.DeleteAsync(GatewayKeys.Active(appId), cancellationToken)
            : store.PutAsync(GatewayKeys.Active(appId), version, cancellationToken);

    /// <summary>Withdraws everything published for a deleted app.</summary>
    public async Task RemoveAppAsync(string appId, IEnumerable<string> domains, CancellationToken cancellationToken)
    {
        foreach (var domain in domains)
        {
            await UnpublishDomainAsync(domain, cancellationToken).ConfigureAwait(false);
        }

        await store.DeleteAsync(GatewayKeys.Traffic(appId), cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(GatewayKeys.Https(appId), cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(GatewayKeys.Blacklist(appId), cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(GatewayKeys.Active(appId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The discovery value of a traffic policy.</summary>
    public static string Serialize(TrafficPolicy policy) => JsonSerializer.Serialize(policy, GatewaySettingsJson.Default.TrafficPolicy);

    /// <summary>The discovery value of an HTTPS policy.</summary>
    public static string Serialize(HttpsPolicy policy) => JsonSerializer.Serialize(policy, GatewaySettingsJson.Default.HttpsPolicy);

    /// <summary>The discovery value of a blacklist.</summary>
    public static string Serialize(IReadOnlyList<string> entries) => JsonSerializer.Serialize([.. entries], GatewaySettingsJson.Default.StringArray);
}
