namespace Berth.Core.Discovery;

/// <summary>
/// A hierarchical key/value store with ordered watches: the one thing every discovery backend
/// (embedded, etcd, ZooKeeper) must give. Keys are absolute paths such as <c>/caas/service/address/a/v1/c</c>.
/// </summary>
public interface IDiscoveryStore
{
    /// <summary>Creates or replaces the value; returns the store revision of the write.</summary>
    Task<long> PutAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>Deletes the key; false when it was not there.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every entry under the prefix, with the revision the read reflects.</summary>
    Task<DiscoverySnapshot> GetPrefixAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Every change under the prefix after <paramref name="afterRevision"/>, in order, until cancelled.</summary>
    IAsyncEnumerable<DiscoveryEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken);
}
