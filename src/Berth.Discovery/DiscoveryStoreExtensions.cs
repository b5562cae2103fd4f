using Berth.Core.Discovery;

namespace Berth.Discovery;

/// <summary>Helpers over <see cref="IDiscoveryStore"/> shared by the backends.</summary>
public static class DiscoveryStoreExtensions
{
    /// <summary>Completes when <paramref name="key"/> is deleted after <paramref name="afterRevision"/>.</summary>
    public static async Task WaitForDeleteAsync(this IDiscoveryStore store, string key, long afterRevision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await foreach (var change in store.WatchAsync(key, afterRevision, cancellationToken).ConfigureAwait(false))
        {
            // The watch is on a prefix: /caas/election/a also matches /caas/election/ab.
            if (change.Type == DiscoveryEventType.Delete && change.Key == key)
            {
                return;
            }
        }
    }
}
