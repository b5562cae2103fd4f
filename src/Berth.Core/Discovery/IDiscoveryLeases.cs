namespace Berth.Core.Discovery;

/// <summary>Keys that live only as long as their owner: liveness records of Berth's own components.</summary>
public interface IDiscoveryLeases
{
    /// <summary>
    /// Puts <paramref name="key"/> bound to a lease of <paramref name="ttl"/>, kept alive in the background.
    /// Disposing the handle deletes the key; if the owner dies, the key disappears within the TTL
    /// (etcd lease, ZooKeeper ephemeral node).
    /// </summary>
    Task<IAsyncDisposable> PutEphemeralAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken);
}
