using System.Threading.Channels;
using Berth.Core.Discovery;
using Berth.Discovery;
using Berth.Discovery.Gateway;
using Berth.Discovery.Sleep;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Routing;

/// <summary>
/// Keeps <see cref="Current"/> in step with discovery: lists instance addresses, app markers and gateway settings, then
/// watches them from the listing's revision and swaps in a new table after each batch of changes. When a watch fails it
/// keeps serving the last table (marked stale) and lists again after <see cref="GatewayOptions.WatchRetryDelay"/>.
/// Settings its discovery user may not read fail closed: the gateway reports itself unhealthy, and while the blacklists
/// are unreadable the table refuses every app (<see cref="RouteTable.BlacklistUnreadable"/>) rather than letting
/// blacklisted clients through; it tries the refused prefixes again every retry delay.
/// </summary>
internal sealed partial class RouteTableUpdater(
    IDiscoveryStore store, GatewayStatistics statistics, IOptions<GatewayOptions> options, TimeProvider time, ILogger<RouteTableUpdater> logger)
    : BackgroundService
{
    private static readonly IReadOnlyList<string> Prefixes = RouteTableBuilder.Prefixes;
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    // Kept across re-listings, so instances listed again keep their pooled connections and counters.
    private readonly RouteTableBuilder _builder = new(statistics);
    private readonly TaskCompletionSource _firstTable = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RouteTable _current = RouteTable.Empty;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stale = true;
    private volatile string? _lastError;
    private volatile IReadOnlyList<string> _unreadable = [];
    private long _lastPrune;

    /// <summary>The table to route with; swapped whole, never mutated.</summary>
    public RouteTable Current => Volatile.Read(ref _current);

    /// <summary>Completes when the next table is published (for requests held until a sleeping app's route appears).</summary>
    public Task NextTableAsync() => Volatile.Read(ref _published).Task;

    /// <summary>True until the first listing, and while the watch is broken (the last table is still served).</summary>
    public bool IsStale => _stale;

    /// <summary>Why the last watch or listing failed; null when none has.</summary>
    public string? LastError => _lastError;

    /// <summary>The gateway settings prefixes discovery refused to let this gateway read at the last listing; empty when none.</summary>
    public IReadOnlyList<string> UnreadableSettings => _unreadable;

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
                MarkStale(ex);
                LogWatchFailed(logger, ex, options.Value.WatchRetryDelay);
            }

            await Task.Delay(options.Value.WatchRetryDelay, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task SyncAsync(CancellationToken stoppingToken)
    {
        var snapshots = new DiscoverySnapshot?[Prefixes.Count];
        var unreadable = new List<string>();
        string? denial = null;
        for (var i = 0; i < Prefixes.Count; i++)
        {
            try
            {
                snapshots[i] = await store.GetPrefixAsync(Prefixes[i], stoppingToken).ConfigureAwait(false);
            }
            catch (DiscoveryAccessDeniedException e) when (GatewayKeys.WatchedRoots.Contains(Prefixes[i]))
            {
                // Routing on without a blacklist would let blocked clients in: the table refuses apps instead (fail
                // closed), and health says why, until the discovery user's role allows these settings.
                LogSettingsUnreadable(logger, Prefixes[i], e.Message);
                unreadable.Add(Prefixes[i]);
                denial ??= e.Message;
            }
            catch (DiscoveryAccessDeniedException e) when (Prefixes[i] is GatewayKeys.AcmeChallengeRoot or SleepKeys.SleepingRoot)
            {
                // Without the answers only ACME validations through this gateway fail, without the sleeping marks only
                // sleeping apps answer 503 instead of waking; routing is unaffected, so the gateway stays healthy and
                // tries the prefix again every retry delay.
                LogSettingsUnreadable(logger, Prefixes[i], e.Message);
            }
        }

        foreach (var (key, problem) in _builder.Reset(snapshots.OfType<DiscoverySnapshot>()))
        {
            LogIgnoredKey(logger, key, problem);
        }

        _builder.BlacklistUnreadable = unreadable.Contains(GatewayKeys.BlacklistRoot);
        Publish(_builder.Build());
        if ((_stale && _lastError is not null) || (_unreadable.Count > 0 && unreadable.Count == 0))
        {
            LogRecovered(logger, Current.Revision);
        }

        _unreadable = unreadable;
        _lastError = denial ?? _lastError;
        _stale = false;
        _firstTable.TrySetResult();

        // Both watches feed one queue so a single loop owns the builder; draining the queue before each rebuild
        // coalesces bursts without delaying a lone change.
        var changes = Channel.CreateUnbounded<DiscoveryEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var pumps = new Task[Prefixes.Count];
        for (var i = 0; i < Prefixes.Count; i++)
        {
            pumps[i] = snapshots[i] is { } snapshot
                ? PumpAsync(Prefixes[i], snapshot.Revision, changes.Writer, watching.Token)
                : AwaitReadableAsync(Prefixes[i], changes.Writer, watching.Token);
        }

        try
        {
            while (await changes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (changes.Reader.TryRead(out var change))
                {
                    if (_builder.Apply(change) is { } problem)
                    {
                        LogIgnoredKey(logger, change.Key, problem);
                    }
                }

                Publish(_builder.Build());
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Stale from the moment one watch fails, not once the others have wound down: a ZooKeeper watch that is
            // getting a session again ends only when that try does.
            MarkStale(ex);
            throw;
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

    /// <summary>
    /// Tries a refused prefix again every retry delay; once it can be read, ends the queue without an error, so the
    /// updater lists everything again.
    /// </summary>
    private async Task AwaitReadableAsync(string prefix, ChannelWriter<DiscoveryEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.WatchRetryDelay, time, cancellationToken).ConfigureAwait(false);
                try
                {
                    await store.GetPrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
                    writer.TryComplete();
                    return;
                }
                catch (DiscoveryAccessDeniedException)
                {
                    // Still refused: the table stays closed; the first refusal was logged.
                }
            }
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

    /// <summary>The last table keeps serving; health says stale, with why.</summary>
    private void MarkStale(Exception ex)
    {
        _stale = true;
        _lastError = ex.Message;
    }

    private void Publish(RouteTable table)
    {
        Volatile.Write(ref _current, table);
        Interlocked.Exchange(ref _published, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(_lastPrune, now) >= PruneInterval)
        {
            _lastPrune = now;
            statistics.Prune(table.Routes.Select(r => r.AppId).ToHashSet(StringComparer.Ordinal), _builder.InstanceKeys);
        }
    }
}
