using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Core.Discovery;
using Etcdserverpb;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Mvccpb;

namespace Berth.Discovery.Etcd;

/// <summary>
/// One watch on a prefix. A pump reads etcd's watch stream into a bounded channel; when the stream breaks it watches
/// again from the last revision seen + 1, so the reader gets every change once and in order. A member that loses its
/// leader (quorum lost) ends the watch with an error instead: without it such a stream stays open and silent, and a
/// gateway would go on calling its table current.
/// </summary>
internal sealed partial class EtcdWatch(EtcdConnection connection, string prefix, long afterRevision, TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private long _lastRevision = afterRevision;
    private CallOptions _options;

    public async IAsyncEnumerable<DiscoveryEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changes = Channel.CreateBounded<DiscoveryEvent>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(changes.Writer, stop.Token);
        try
        {
            await foreach (var change in changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }

    private async Task PumpAsync(ChannelWriter<DiscoveryEvent> writer, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        try
        {
            while (true)
            {
                var before = _lastRevision;
                try
                {
                    await StreamAsync(writer, cancellationToken).ConfigureAwait(false);
                    LogStreamEnded(prefix, _lastRevision);
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested && EtcdErrors.IsNoLeader(e))
                {
                    throw new InvalidOperationException($"etcd has no leader (quorum lost?); watching {prefix} stopped at revision {_lastRevision}", e);
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested && EtcdErrors.IsInvalidToken(e))
                {
                    connection.InvalidateToken(_options);
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested && EtcdErrors.Translate(e, "", null) is RpcException)
                {
                    LogStreamBroken(prefix, _lastRevision, e.StatusCode, e.Status.Detail);
                }
                catch (IOException e) when (!cancellationToken.IsCancellationRequested)
                {
                    LogStreamBroken(prefix, _lastRevision, StatusCode.Unavailable, e.Message);
                }

                // Back off while nothing gets through; start over once a stream delivered something.
                backoff = _lastRevision > before ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                await Task.Delay(backoff, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (RpcException e)
        {
            writer.TryComplete(EtcdErrors.Translate(e, $"watch {prefix}", connection.User));
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }

    /// <summary>Watches from <see cref="_lastRevision"/> + 1 until the stream ends or breaks.</summary>
    private async Task StreamAsync(ChannelWriter<DiscoveryEvent> writer, CancellationToken cancellationToken)
    {
        var options = _options = await connection.OptionsAsync(cancellationToken).ConfigureAwait(false);
        // etcd's "require leader": the member cancels the stream (Unavailable, "no leader") once it has been without a
        // leader for a few election timeouts, and refuses a new one while it has none.
        var headers = new Metadata { { "hasleader", "true" } };
        foreach (var entry in options.Headers ?? [])
        {
            headers.Add(entry);
        }

        using var call = connection.Watch.Watch(options.WithHeaders(headers));
        await call.RequestStream.WriteAsync(
            new WatchRequest
            {
                CreateRequest = new WatchCreateRequest
                {
                    Key = EtcdKeys.RangeStart(prefix),
                    RangeEnd = EtcdKeys.RangeEnd(prefix),
                    StartRevision = _lastRevision + 1,
                },
            },
            cancellationToken).ConfigureAwait(false);

        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (response.Canceled)
            {
                Cancelled(response, options);
                return;
            }

            foreach (var change in response.Events)
            {
                // After a reconnect etcd may resend what we already passed on.
                var revision = change.Kv.ModRevision;
                if (revision <= _lastRevision)
                {
                    continue;
                }

                var put = change.Type == Event.Types.EventType.Put;
                await writer.WriteAsync(
                    new DiscoveryEvent(
                        put ? DiscoveryEventType.Put : DiscoveryEventType.Delete,
                        change.Kv.Key.ToStringUtf8(),
                        put ? change.Kv.Value.ToStringUtf8() : null,
                        revision),
                    cancellationToken).ConfigureAwait(false);
                _lastRevision = revision;
            }
        }
    }

    /// <summary>etcd cancelled the watch: compacted history and refusals end it; an expired token is renewed.</summary>
    private void Cancelled(WatchResponse response, CallOptions options)
    {
        if (response.CompactRevision > 0)
        {
            // etcd keeps the compaction revision itself: everything before it is gone.
            throw new DiscoveryHistoryCompactedException(_lastRevision, response.CompactRevision - 1);
        }

        if (response.CancelReason.Contains("invalid auth token", StringComparison.Ordinal))
        {
            connection.InvalidateToken(options);
            return;
        }

        if (response.CancelReason.Contains("permission denied", StringComparison.Ordinal))
        {
            throw EtcdErrors.Translate(new RpcException(new Status(StatusCode.PermissionDenied, response.CancelReason)), $"watch {prefix}", connection.User);
        }

        throw new InvalidOperationException($"etcd cancelled the watch on {prefix}: {response.CancelReason}");
    }
}
