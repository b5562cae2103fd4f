using System.Collections.Concurrent;
using Berth.Core.Discovery;
using Berth.Discovery;

namespace Berth.Gateway.Tests.Support;

/// <summary>A store whose user may not read some prefixes, like etcd's restricted gateway role, until they are allowed.</summary>
internal sealed class DenyingDiscoveryStore(IDiscoveryStore inner, params string[] denied) : IDiscoveryStore
{
    private readonly ConcurrentDictionary<string, byte> _denied = new(denied.Select(p => KeyValuePair.Create(p, (byte)0)));

    /// <summary>Lets the user read <paramref name="prefix"/> from now on, as when an operator fixes its role.</summary>
    public void Allow(string prefix) => _denied.TryRemove(prefix, out _);

    public Task<long> PutAsync(string key, string value, CancellationToken cancellationToken) => inner.PutAsync(key, value, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<DiscoverySnapshot> GetPrefixAsync(string prefix, CancellationToken cancellationToken) =>
        _denied.ContainsKey(prefix) ? throw new DiscoveryAccessDeniedException($"may not read {prefix}") : inner.GetPrefixAsync(prefix, cancellationToken);

    public IAsyncEnumerable<DiscoveryEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken) =>
        _denied.ContainsKey(prefix) ? throw new DiscoveryAccessDeniedException($"may not watch {prefix}") : inner.WatchAsync(prefix, afterRevision, cancellationToken);
}
