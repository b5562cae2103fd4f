using Berth.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// An ephemeral key on a session of its own whose timeout is the lease's TTL: if the owner dies, the server deletes the
/// key one TTL after it last heard from it. If the session expires while the owner lives on (a long pause, a network
/// cut), the key is placed again on a new session. Disposing closes the session, which deletes the key at once.
/// </summary>
internal sealed class ZooKeeperLease : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly ZooKeeperSession _session;
    private readonly DiscoveryAcls _acls;
    private readonly string _key;
    private readonly byte[] _data;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<IAsyncDisposable> _released;
    private readonly CancellationTokenSource _stop = new();
    private Task _keeper = Task.CompletedTask;
    private int _disposed;

    private ZooKeeperLease(
        ZooKeeperSession session, DiscoveryAcls acls, string key, string value, ILogger logger, TimeProvider time, Action<IAsyncDisposable> released)
    {
        _session = session;
        _acls = acls;
        _key = key;
        _data = ZNodes.Encode(value);
        _logger = logger;
        _time = time;
        _released = released;
    }

    public static async Task<ZooKeeperLease> StartAsync(
        ZooKeeperDiscoveryOptions options, DiscoveryAcls acls, string key, string value, TimeSpan ttl, ILogger logger, TimeProvider time,
        Action<IAsyncDisposable> released, CancellationToken cancellationToken)
    {
        var lease = new ZooKeeperLease(new ZooKeeperSession(options, ttl, logger, time), acls, key, value, logger, time, released);
        try
        {
            var client = await lease.PlaceAsync(cancellationToken).ConfigureAwait(false);
            lease._keeper = lease.KeepAsync(client);
            return lease;
        }
        catch
        {
            await lease._session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _keeper.ConfigureAwait(false);
        await _session.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _released(this);
    }

    /// <summary>Creates the key on the current session. A node left by an earlier session of the same owner is replaced.</summary>
    private async Task<ZooKeeperClient> PlaceAsync(CancellationToken cancellationToken)
    {
        var client = await _session.GetAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            try
            {
                await ZNodes.CreateAsync(client, _key, _data, _acls, CreateMode.Ephemeral, cancellationToken).ConfigureAwait(false);
                return client;
            }
            catch (NodeExistsException)
            {
                // Ours from a retried create, or a dead predecessor's still waiting for its session to expire.
                var existing = await ZNodes.ReadAsync(client, _key, cancellationToken).ConfigureAwait(false);
                if (existing?.Stat.EphemeralOwner == client.SessionId)
                {
                    return client;
                }

                if (existing is not null)
                {
                    await DeleteQuietlyAsync(client, existing.Stat.Version, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ConnectionLossException)
            {
                // The create may have happened: the retry finds the node ours, or makes it.
                await Task.Delay(RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DeleteQuietlyAsync(ZooKeeperClient client, int version, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteAsync(_key, version, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NoNodeException or BadVersionException)
        {
            // Gone or replaced meanwhile: the next create attempt sorts it out.
        }
    }

    /// <summary>Waits for the session to expire, then places the key again on a new one, until disposed.</summary>
    private async Task KeepAsync(ZooKeeperClient client)
    {
        try
        {
            while (true)
            {
                await WhenExpiredAsync(client, _stop.Token).ConfigureAwait(false);
                DiscoveryLog.LeaseSessionExpired(_logger, _key);
                while (true)
                {
                    try
                    {
                        client = await PlaceAsync(_stop.Token).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception ex) when (ex is ZooKeeperException or TimeoutException)
                    {
                        DiscoveryLog.LeaseRestoreFailed(_logger, ex, _key);
                        await Task.Delay(RetryDelay, _time, _stop.Token).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private static async Task WhenExpiredAsync(ZooKeeperClient client, CancellationToken cancellationToken)
    {
        var expired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStateChanged(object? sender, ZooKeeperState state)
        {
            if (state == ZooKeeperState.Expired)
            {
                expired.TrySetResult();
            }
        }

        client.StateChanged += OnStateChanged;
        try
        {
            if (client.State == ZooKeeperState.Expired)
            {
                return;
            }

            await expired.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            client.StateChanged -= OnStateChanged;
        }
    }
}
