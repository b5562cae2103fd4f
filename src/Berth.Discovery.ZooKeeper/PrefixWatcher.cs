using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Core.Discovery;
using Berth.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// One <see cref="ZooKeeperDiscoveryStore.WatchAsync"/>: a persistent recursive watch on the prefix's base node turned
/// into ordered puts and deletes with revisions.
/// <para>
/// ZooKeeper notifications say which node changed, not how or at which zxid (before 3.9), so each one is followed by a
/// read. Notifications and replies share one ordered connection: when a read's reply arrives, every notification of a
/// change the read could reflect has arrived before it. So if another notification for the node is already queued
/// the read may show a later state, and the event is skipped (the later one reports it); otherwise the read shows
/// exactly this change, and its <c>mzxid</c> is the change's zxid. A delete's zxid is the parent's <c>pzxid</c> when no
/// later child change of that parent is queued; otherwise the revision after the last one reported, which is no later
/// than the delete and earlier than anything after it. Deletes found by a listing get a similar lower bound.
/// </para>
/// <para>
/// Whenever the watch is (re-)set (start, reconnect, new session after expiry) the watcher lists the subtree and
/// compares it with the keys it has reported: puts for new or changed keys, deletes for keys gone,
/// skipping nodes with queued notifications (those follow live). What ZooKeeper cannot give: intermediate values
/// (a key changed twice while disconnected is reported once), and deletes it never told anyone about — a watch that
/// resumes from a revision without knowing which keys its caller held then (no view of it in <see cref="DiscoveryViews"/>)
/// cannot name them, and ends with <see cref="DiscoveryHistoryCompactedException"/> unless no delete can have happened.
/// </para>
/// </summary>
internal sealed class PrefixWatcher(
    ZooKeeperSession session,
    DiscoveryPrefix prefix,
    long afterRevision,
    Dictionary<string, long>? view,
    DiscoveryViews views,
    string? user,
    TimeSpan disconnectedLimit,
    ILogger logger,
    TimeProvider time)
{
    /// <summary>Events held for a caller that reads slower than ZooKeeper notifies.</summary>
    private const int Capacity = 10_000;

    /// <summary>
    /// How long the watch tries to get a session and set the watch again before it fails (and its caller lists again):
    /// one session timeout, at least <see cref="MinReconnectLimit"/> so short sessions ride out a member's restart.
    /// </summary>
    private readonly TimeSpan _reconnectLimit = session.Timeout > MinReconnectLimit ? session.Timeout : MinReconnectLimit;

    private static readonly TimeSpan MinReconnectLimit = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly Queue<WatchedEvent> _pending = new();
    private readonly Dictionary<string, long> _known = view ?? new Dictionary<string, long>(StringComparer.Ordinal);

    private readonly long _afterRevision = afterRevision;

    /// <summary>Resuming from a revision whose keys are unknown: only the first listing decides what the caller already had.</summary>
    private bool _blindResume = view is null && afterRevision > 0;
    private long _lastRevision = afterRevision;

    /// <summary>
    /// The events. A background loop follows ZooKeeper as fast as it notifies, whether or not the caller is reading
    /// (a watch that only read when asked would fall behind, and lose the changes it skips as superseded); up to
    /// <see cref="Capacity"/> events wait for the caller, then the loop waits too.
    /// </summary>
    public async IAsyncEnumerable<DiscoveryEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<Change>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(queue.Writer, stop.Token);
        // What the caller has been given: a watch resuming from its last revision diffs against this.
        var delivered = new Dictionary<string, long>(_known, StringComparer.Ordinal);
        var lastDelivered = _lastRevision;
        try
        {
            await foreach (var change in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                lastDelivered = change.Event.Revision;
                if (change.Event.Type == DiscoveryEventType.Put)
                {
                    delivered[change.Event.Key] = change.Mzxid;
                }
                else
                {
                    delivered.Remove(change.Event.Key);
                }

                yield return change.Event;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
            views.Add(prefix.Value, lastDelivered, delivered);
        }
    }

    /// <summary>Sets the watch (again on every new session) and turns what it reports into changes, until cancelled or failed.</summary>
    private async Task ProduceAsync(ChannelWriter<Change> queue, CancellationToken cancellationToken)
    {
        try
        {
            long? lostAt = null;
            for (var failures = 1; ; failures++)
            {
                PersistentWatch watch;
                ZooKeeperClient client;
                try
                {
                    client = await session.GetAsync(cancellationToken).ConfigureAwait(false);
                    watch = await client.AddWatchAsync(prefix.Base, AddWatchMode.PersistentRecursive, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ConnectionLossException or SessionExpiredException
                    && time.GetElapsedTime(lostAt ??= time.GetTimestamp()) < _reconnectLimit)
                {
                    // The ensemble is out of reach for now (each try lasts up to a session timeout); give up after the limit.
                    DiscoveryLog.Retrying(logger, ex, failures);
                    await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                failures = 0;
                lostAt = null;

                await using (watch.ConfigureAwait(false))
                {
                    await FollowWatchAsync(client, watch, queue, cancellationToken).ConfigureAwait(false);
                }

                DiscoveryLog.WatchSessionLost(logger, prefix.Value);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            queue.TryComplete();
        }
        catch (NoAuthException ex)
        {
            queue.TryComplete(ZooKeeperErrors.Denied(ex, $"watch {prefix.Value}", user));
        }
        catch (Exception ex)
        {
            queue.TryComplete(ex);
        }
    }

    /// <summary>Follows one watch until its session ends.</summary>
    private async Task FollowWatchAsync(ZooKeeperClient client, PersistentWatch watch, ChannelWriter<Change> queue, CancellationToken cancellationToken)
    {
        _pending.Clear();
        var synced = false;
        long? disconnectedAt = null;
        while (await NextAsync(watch, disconnectedAt, cancellationToken).ConfigureAwait(false) is { } notice)
        {
            List<Change> changes;
            try
            {
                if (notice.Type == WatchEventType.None)
                {
                    // SyncConnected carries the zxid the watch was set at: list everything up to it.
                    synced = notice.State == ZooKeeperState.SyncConnected;
                    disconnectedAt = notice.State == ZooKeeperState.Disconnected ? disconnectedAt ?? time.GetTimestamp() : null;
                    changes = synced ? await ResyncAsync(client, watch, notice.Zxid, cancellationToken).ConfigureAwait(false) : [];
                }
                else
                {
                    changes = synced && prefix.Matches(notice.Path!)
                        ? await FollowAsync(client, watch, notice, cancellationToken).ConfigureAwait(false)
                        : [];
                }
            }
            catch (ConnectionLossException)
            {
                // The client reconnects and sets the watch again; the listing then catches up.
                synced = false;
                continue;
            }
            catch (SessionExpiredException)
            {
                return;
            }

            foreach (var change in changes)
            {
                Apply(change);
                await queue.WriteAsync(change, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The next notification (queued ones first); null when the watch ended with its session. Disconnected since
    /// <paramref name="disconnectedAt"/>, it fails with <see cref="ConnectionLossException"/> once
    /// <see cref="ZooKeeperDiscoveryOptions.WatchDisconnectedLimit"/> has passed without the session coming back.
    /// </summary>
    private async ValueTask<WatchedEvent?> NextAsync(PersistentWatch watch, long? disconnectedAt, CancellationToken cancellationToken)
    {
        if (_pending.TryDequeue(out var queued))
        {
            return queued;
        }

        if (disconnectedAt is not { } since)
        {
            return await watch.Events.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && watch.Events.TryRead(out var next) ? next : null;
        }

        var left = disconnectedLimit - time.GetElapsedTime(since);
        using var limit = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1), time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            return await watch.Events.WaitToReadAsync(either.Token).ConfigureAwait(false) && watch.Events.TryRead(out var next) ? next : null;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionLossException(
                $"No ZooKeeper member took the session back within {disconnectedLimit.TotalSeconds:0.#} s (quorum lost, or cut off); watching {prefix.Value} stopped.");
        }
    }

    /// <summary>Moves what has arrived into <see cref="_pending"/>: everything sent before the reply just received.</summary>
    private void Drain(PersistentWatch watch)
    {
        while (watch.Events.TryRead(out var notice))
        {
            _pending.Enqueue(notice);
        }
    }

    private bool PendingFor(string path) => _pending.Any(notice => notice.Type != WatchEventType.None && notice.Path == path);

    private bool PendingChildChange(string parent) => _pending.Any(notice =>
        (notice.Type is WatchEventType.NodeCreated or WatchEventType.NodeDeleted && ZNodes.Parent(notice.Path!) == parent) ||
        (notice.Type == WatchEventType.NodeDeleted && notice.Path == parent));

    private async Task<List<Change>> FollowAsync(ZooKeeperClient client, PersistentWatch watch, WatchedEvent notice, CancellationToken cancellationToken)
    {
        var path = notice.Path!;
        if (notice.Type is WatchEventType.NodeCreated or WatchEventType.NodeDataChanged)
        {
            var node = await ZNodes.ReadAsync(client, path, cancellationToken).ConfigureAwait(false);
            Drain(watch);
            if (node is null || PendingFor(path))
            {
                return [];
            }

            if (node.Data is null)
            {
                // Data set to null: the key was deleted but the node stays, as it has children.
                return _known.ContainsKey(path) ? [Change.Delete(path, Math.Max(node.Stat.Mzxid, _lastRevision))] : [];
            }

            return _known.TryGetValue(path, out var seen) && seen == node.Stat.Mzxid
                ? []
                : [Change.Put(path, ZNodes.Decode(node.Data), node.Stat.Mzxid)];
        }

        if (notice.Type != WatchEventType.NodeDeleted || !_known.ContainsKey(path))
        {
            return [];
        }

        // ZooKeeper 3.9 and later send the zxid with the notification.
        if (notice.Zxid > 0)
        {
            return [Change.Delete(path, notice.Zxid)];
        }

        var parent = ZNodes.Parent(path);
        var parentStat = await client.ExistsAsync(parent, cancellationToken: cancellationToken).ConfigureAwait(false);
        Drain(watch);
        var exact = parentStat is not null && !PendingChildChange(parent) ? parentStat.Pzxid : 0;
        return [Change.Delete(path, Math.Max(exact, _lastRevision + 1))];
    }

    /// <summary>Compares the subtree, as listed after the watch was set at <paramref name="watchZxid"/>, with what the caller holds.</summary>
    private async Task<List<Change>> ResyncAsync(ZooKeeperClient client, PersistentWatch watch, long watchZxid, CancellationToken cancellationToken)
    {
        var listing = await PrefixListing.ReadAsync(client, prefix, cancellationToken).ConfigureAwait(false);
        Drain(watch);
        var blind = _blindResume;
        _blindResume = false;
        if (blind && MayHaveMissedDeletes(listing))
        {
            throw new DiscoveryHistoryCompactedException(_afterRevision, watchZxid);
        }

        var live = _pending.Where(notice => notice.Type != WatchEventType.None).Select(notice => notice.Path!).ToHashSet(StringComparer.Ordinal);
        var changes = new List<Change>();
        foreach (var entry in listing.Keys.Values)
        {
            if (live.Contains(entry.Key) || (_known.TryGetValue(entry.Key, out var seen) && seen == entry.Revision))
            {
                continue;
            }

            if (blind && entry.Revision <= _afterRevision)
            {
                // Unchanged since the revision the caller resumes from: it has it.
                _known[entry.Key] = entry.Revision;
                continue;
            }

            changes.Add(Change.Put(entry.Key, entry.Value, entry.Revision));
        }

        // Keys gone since: ZooKeeper cannot say when. A delete is a transaction of its own, so its zxid is past the last
        // revision the caller saw and is none of the puts' zxids: the first such number is no later than any of the
        // deletes, and the puts below it came before them all.
        var puts = changes.Select(change => change.Event.Revision).ToHashSet();
        var deleted = _lastRevision + 1;
        while (puts.Contains(deleted))
        {
            deleted++;
        }

        changes.AddRange(_known.Keys
            .Where(key => !listing.Keys.ContainsKey(key) && !live.Contains(key))
            .Order(StringComparer.Ordinal)
            .Select(key => Change.Delete(key, deleted)));
        DiscoveryLog.WatchResynced(logger, prefix.Value, watchZxid, changes.Count);
        return [.. changes.OrderBy(change => change.Event.Revision)];
    }

    /// <summary>
    /// Could a key the caller held at <see cref="_afterRevision"/> have been deleted since? Only below a node that existed
    /// then and has had a child created or deleted since (<c>pzxid</c>), or whose own key was cleared (data set to null).
    /// Nodes are only ever deleted as keys (Berth leaves parents in place), so a missing base held no keys either.
    /// </summary>
    private bool MayHaveMissedDeletes(PrefixListing listing) => listing.Nodes.Any(node =>
        node.Value.Czxid <= _afterRevision &&
        (node.Value.Pzxid > _afterRevision || (node.Value.Mzxid > _afterRevision && !listing.Keys.ContainsKey(node.Key))));

    private void Apply(Change change)
    {
        _lastRevision = change.Event.Revision;
        if (change.Event.Type == DiscoveryEventType.Put)
        {
            _known[change.Event.Key] = change.Mzxid;
        }
        else
        {
            _known.Remove(change.Event.Key);
        }
    }

    /// <summary>An event and, for a put, the node's <c>mzxid</c> (what the next listing is compared with).</summary>
    private sealed record Change(DiscoveryEvent Event, long Mzxid)
    {
        public static Change Put(string key, string value, long mzxid) => new(new DiscoveryEvent(DiscoveryEventType.Put, key, value, mzxid), mzxid);

        public static Change Delete(string key, long revision) => new(new DiscoveryEvent(DiscoveryEventType.Delete, key, null, revision), 0);
    }
}
