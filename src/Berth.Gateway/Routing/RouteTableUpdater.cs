using System.Threading.Channels;
using Berth.Core.Discovery;
using Berth.Discovery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Routing;

/// <summary>
/// Keeps <see cref="Current"/> in step with discovery: lists instance addresses and app markers, then watches both
/// from the listing's revision and swaps in a new table after each batch of changes. When a watch fails it keeps
/// serving the last table (marked stale) and lists again after <see cref="GatewayOptions.WatchRetryDelay"/>.
/// </summary>
public sealed partial class RouteTableUpdater(
    IDiscoveryStore store, IOptions<GatewayOptions> options, TimeProvider time, ILogger<RouteTableUpdater> logger) : BackgroundService
{
    private static readonly string[] Prefixes = [ServiceKeys.AddressRoot, AppKeys.Root];

    private readonly TaskCompletionSource _firstTable = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RouteTable _current = RouteTable.Empty;
    private volatile bool _stale = true;
    private volatile string? _lastError;

    /// <summary>The table to route with; swapped whole, never mutated.</summary>
    public RouteTable Current => Volatile.Read(ref _current);

    /// <summary>True until the first listing, and while the watch is broken (the last table is still served).</summary>
    public bool IsStale => _stale;

    /// <summary>Why the last watch or listing failed; null when none has.</summary>
    public string? LastError => _lastError;

    /// <summary>True once a table built from a real listing has been published.</summary>
    public bool HasTable => _firstTable.Task.IsCompleted;

    /// <summary>Completes once a table built from a real listing is in <see cref="Current"/>.</summary>
    public Task WaitForFirstTableAsync(CancellationToken cancellationToken = default) => _firstTable.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await SyncAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _stale = true;
                _lastError = ex.Message;
                LogWatchFailed(logger, ex, options.Value.WatchRetryDelay);
            }

            await Task.Delay(options.Value.WatchRetryDelay, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task SyncAsync(CancellationToken stoppingToken)
    {
        var builder = new RouteTableBuilder();
        var revisions = new long[Prefixes.Length];
        for (var i = 0; i < Prefixes.Length; i++)
        {
            var snapshot = await store.GetPrefixAsync(Prefixes[i], stoppingToken).ConfigureAwait(false);
            revisions[i] = snapshot.Revision;
            foreach (var key in builder.ApplySnapshot(snapshot))
            {
                LogInvalidAddress(logger, key);
            }
        }

        Publish(builder.Build());
        if (_stale && _lastError is not null)
        {
            LogRecovered(logger, Current.Revision);
        }

        _stale = false;
        _firstTable.TrySetResult();

        // Both watches feed one queue so a single loop owns the builder; draining the queue before each rebuild
        // coalesces bursts without delaying a lone change.
        var changes = Channel.CreateUnbounded<DiscoveryEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var pumps = new Task[Prefixes.Length];
        for (var i = 0; i < Prefixes.Length; i++)
        {
            pumps[i] = PumpAsync(Prefixes[i], revisions[i], changes.Writer, watching.Token);
        }

        try
        {
            while (await changes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (changes.Reader.TryRead(out var change))
                {
                    if (!builder.Apply(change))
                    {
                        LogInvalidAddress(logger, change.Key);
                    }
                }

                Publish(builder.Build());
            }
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
    }

    /// <summary>Copies one watch into the queue; ends the queue with the watch's error (or an error when it just stops).</summary>
    private async Task PumpAsync(string prefix, long afterRevision, ChannelWriter<DiscoveryEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in store.WatchAsync(prefix, afterRevision, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(change, cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete(new InvalidOperationException($"The discovery watch on {prefix} ended."));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    private void Publish(RouteTable table) => Volatile.Write(ref _current, table);
}
