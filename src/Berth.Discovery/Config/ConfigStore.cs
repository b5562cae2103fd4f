using Berth.Core.Discovery;

namespace Berth.Discovery.Config;

/// <summary>
/// Per-app configuration at <c>/caas/config/{appId}/{key}</c>, in whatever discovery store Berth runs on.
/// Secret values are stored encrypted and come back in clear only from <see cref="GetAsync"/>.
/// </summary>
public sealed class ConfigStore(IDiscoveryStore store, SecretProtector protector)
{
    /// <summary>Sets a value; a plain value may not look like a sealed one, or it could never be read back.</summary>
    public async Task<ConfigEntry> SetAsync(string appId, string key, string value, bool secret, CancellationToken cancellationToken)
    {
        if (!secret && SecretProtector.IsProtected(value))
        {
            throw new ArgumentException($"a plain value may not start with '{SecretProtector.Prefix}'", nameof(value));
        }

        var path = DiscoveryKeys.Config(appId, key);
        var revision = await store.PutAsync(path, secret ? protector.Protect(value, path) : value, cancellationToken);
        return new ConfigEntry(key, secret ? null : value, secret, revision);
    }

    /// <summary>The value in clear (secrets decrypted), or null when the key is not set.</summary>
    public async Task<ConfigEntry?> GetAsync(string appId, string key, CancellationToken cancellationToken)
    {
        var path = DiscoveryKeys.Config(appId, key);
        var snapshot = await store.GetPrefixAsync(path, cancellationToken);
        var entry = snapshot.Entries.FirstOrDefault(e => e.Key == path);
        return entry is null ? null : Open(entry, key, reveal: true);
    }

    public Task<bool> DeleteAsync(string appId, string key, CancellationToken cancellationToken) =>
        store.DeleteAsync(DiscoveryKeys.Config(appId, key), cancellationToken);

    /// <summary>Every key of the app, secrets masked.</summary>
    public async Task<ConfigSnapshot> ListAsync(string appId, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetPrefixAsync(DiscoveryKeys.ConfigPrefix(appId), cancellationToken);
        return new ConfigSnapshot(Entries(snapshot, appId, reveal: false), snapshot.Revision);
    }

    /// <summary>
    /// A blocking query, like Consul's: returns as soon as the app's config changed after
    /// <paramref name="waitIndex"/>, or when <paramref name="wait"/> has passed, with the config as it is then.
    /// </summary>
    public async Task<ConfigSnapshot> WaitAsync(string appId, long waitIndex, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            await foreach (var _ in store.WatchAsync(DiscoveryKeys.ConfigPrefix(appId), waitIndex, timeout.Token))
            {
                break;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait ended with no change: answer with the config as it is, like any other read.
        }
        catch (DiscoveryHistoryCompactedException)
        {
            // Changes older than the store keeps: the caller missed something, so answer at once.
        }

        return await ListAsync(appId, cancellationToken);
    }

    /// <summary>Every key of the app in clear, for the environment of new containers.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(string appId, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetPrefixAsync(DiscoveryKeys.ConfigPrefix(appId), cancellationToken);
        return Entries(snapshot, appId, reveal: true).ToDictionary(e => e.Key, e => e.Value!);
    }

    /// <summary>Drops every key of the app, when the app is deleted.</summary>
    public async Task DeleteAllAsync(string appId, CancellationToken cancellationToken)
    {
        foreach (var entry in (await store.GetPrefixAsync(DiscoveryKeys.ConfigPrefix(appId), cancellationToken)).Entries)
        {
            await store.DeleteAsync(entry.Key, cancellationToken);
        }
    }

    private List<ConfigEntry> Entries(DiscoverySnapshot snapshot, string appId, bool reveal)
    {
        var prefix = DiscoveryKeys.ConfigPrefix(appId);
        return snapshot.Entries
            .Where(e => e.Key.Length > prefix.Length && e.Key.IndexOf('/', prefix.Length) < 0)
            .Select(e => Open(e, e.Key[prefix.Length..], reveal))
            .ToList();
    }

    private ConfigEntry Open(DiscoveryEntry entry, string key, bool reveal)
    {
        var secret = SecretProtector.IsProtected(entry.Value);
        var value = !secret ? entry.Value : reveal ? protector.Unprotect(entry.Value, entry.Key) : null;
        return new ConfigEntry(key, value, secret, entry.Revision);
    }
}
