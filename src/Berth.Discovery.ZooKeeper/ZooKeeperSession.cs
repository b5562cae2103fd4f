using Berth.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// A ZooKeeper session that outlives expiry: connected (and authenticated) on first use, and replaced by a new one
/// when it expires. Callers that care which session they hold (ephemeral nodes, watches) compare client instances.
/// </summary>
internal sealed class ZooKeeperSession(ZooKeeperDiscoveryOptions options, TimeSpan timeout, ILogger logger, TimeProvider time) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ZooKeeperClient? _client;
    private bool _disposed;

    /// <summary>The session timeout asked of the ensemble.</summary>
    public TimeSpan Timeout => timeout;

    /// <summary>The live client, connecting a new session when there is none or the last one expired.</summary>
    public async Task<ZooKeeperClient> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is { } current && IsUsable(current))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_client is { } client && IsUsable(client))
            {
                return client;
            }

            if (_client is not null)
            {
                await _client.DisposeAsync().ConfigureAwait(false);
            }

            var fresh = await ZooKeeperClient.ConnectAsync(
                new ZooKeeperClientOptions { ConnectString = options.ConnectString, SessionTimeout = timeout, Logger = logger, TimeProvider = time },
                cancellationToken).ConfigureAwait(false);
            try
            {
                if (options.User is { } user)
                {
                    await fresh.AddAuthAsync("digest", ZooKeeperAcl.DigestAuth(user, options.Password!), cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                await fresh.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            Volatile.Write(ref _client, fresh);
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the session: its ephemeral nodes go at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_client is not null)
            {
                await _client.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool IsUsable(ZooKeeperClient client) => client.State is not (ZooKeeperState.Expired or ZooKeeperState.Closed);
}
