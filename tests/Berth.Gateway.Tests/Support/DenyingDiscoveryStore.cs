using Berth.Core.Discovery;
using Berth.Discovery;

namespace Berth.Gateway.Tests.Support;

/// <summary>A store whose user may not read some prefixes, like etcd's restricted gateway role.</summary>
internal sealed class DenyingDiscoveryStore(IDiscoveryStore inner, params string[] denied) : IDiscoveryStore
{
    public Task<long> PutAsync(string key, string value, CancellationToken cancellationToken) => inner.PutAsync(key, value, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<DiscoverySnapshot> GetPrefixAsync(string prefix, CancellationToken cancellationToken) =>
        denied.Contains(prefix) ? throw new DiscoveryAccessDeniedException($"may not read {prefix}") : inner.GetPrefixAsync(prefix, cancellationToken);

    public IAsyncEnumerable<DiscoveryEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken) =>
        denied.Contains(prefix) ? throw new DiscoveryAccessDeniedException($"may not watch {prefix}") : inner.WatchAsync(prefix, afterRevision, cancellationToken);
}
