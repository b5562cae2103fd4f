using Etcdserverpb;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Berth.Discovery.Etcd;

/// <summary>
/// An etcd lease kept alive in the background. <see cref="Lost"/> is cancelled when etcd says the lease is gone or when
/// no keep-alive has been answered for a whole TTL: the local deadline counts from when a keep-alive was sent, so it
/// passes no later than etcd's own, and a leader stops before a successor can start. Disposing revokes the lease,
/// which deletes its keys.
/// </summary>
internal sealed partial class EtcdLease : IAsyncDisposable
{
    private readonly EtcdConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop;
    private readonly ITimer _deadline;
    private readonly Task _keepAlive;
    private int _disposed;

    private EtcdLease(EtcdConnection connection, long id, TimeSpan ttl, long grantSent, TimeProvider timeProvider, ILogger logger, CancellationToken storeStopping)
    {
        _connection = connection;
        _timeProvider = timeProvider;
        _logger = logger;
        Id = id;
        Ttl = ttl;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(storeStopping);
        _deadline = timeProvider.CreateTimer(static state => ((EtcdLease)state!).Expire(), this, Remaining(grantSent), Timeout.InfiniteTimeSpan);
        _keepAlive = KeepAliveAsync(_stop.Token);
    }

    public long Id { get; }

    public TimeSpan Ttl { get; }

    public CancellationToken Lost => _lost.Token;

    /// <summary>Grants a lease of <paramref name="ttl"/> (whole seconds, at least 1) and starts keeping it alive.</summary>
    public static async Task<EtcdLease> GrantAsync(
        EtcdConnection connection, TimeSpan ttl, TimeProvider timeProvider, ILogger logger, CancellationToken storeStopping, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(ttl.TotalSeconds));
        var sent = timeProvider.GetTimestamp();
        var grant = await connection.CallAsync(
            "grant a lease",
            options => connection.Lease.LeaseGrantAsync(new LeaseGrantRequest { TTL = seconds }, options),
            cancellationToken).ConfigureAwait(false);
        return new EtcdLease(connection, grant.ID, TimeSpan.FromSeconds(grant.TTL), sent, timeProvider, logger, storeStopping);
    }

    /// <summary>Stops the keep-alive and revokes the lease (its keys go at once); best effort when etcd is unreachable.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _keepAlive.ConfigureAwait(false);
        Expire();
        using var timeout = new CancellationTokenSource(Ttl);
        try
        {
            await _connection.CallAsync(
                $"revoke lease {Id:x}",
                options => _connection.Lease.LeaseRevokeAsync(new LeaseRevokeRequest { ID = Id }, options),
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException or DiscoveryAccessDeniedException)
        {
            // The lease runs out by itself within its TTL.
            LogRevokeFailed(Id, e.Message);
        }

        await _deadline.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private TimeSpan Remaining(long sentTimestamp)
    {
        var left = Ttl - _timeProvider.GetElapsedTime(sentTimestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Expire()
    {
        if (!_lost.IsCancellationRequested)
        {
            _lost.Cancel();
        }
    }

    private async Task KeepAliveAsync(CancellationToken stopping)
    {
        // A lease given up for lost is not kept alive any more: etcd then expires it too.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, Lost);
        var cancellationToken = linked.Token;
        var period = Ttl / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var options = await _connection.OptionsAsync(cancellationToken).ConfigureAwait(false);
                using var call = _connection.Lease.LeaseKeepAlive(options);
                while (true)
                {
                    var sent = _timeProvider.GetTimestamp();
                    await call.RequestStream.WriteAsync(new LeaseKeepAliveRequest { ID = Id }, cancellationToken).ConfigureAwait(false);
                    if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    if (call.ResponseStream.Current.TTL <= 0)
                    {
                        LogLeaseGone(Id);
                        Expire();
                        return;
                    }

                    _deadline.Change(Remaining(sent), Timeout.InfiniteTimeSpan);
                    await Task.Delay(period, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (cancellationToken.IsCancellationRequested && e.StatusCode == StatusCode.Cancelled)
            {
                return;
            }
            catch (Exception e) when (e is RpcException or IOException or DiscoveryAccessDeniedException)
            {
                LogKeepAliveBroken(Id, e.Message);
            }

            // Retry well within the TTL; the deadline timer ends the lease if we cannot get through in time.
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
