using System.Runtime.CompilerServices;
using Berth.Core.Discovery;

namespace Berth.Discovery.Embedded;

/// <summary>
/// The single-machine discovery store: keys in memory, one revision counter, and a bounded history of changes so
/// watchers can resume from a revision. Every write and every watcher registration happens under one lock, which is
/// what keeps replay and live events gap-free and in order. Leases (ephemeral keys, leader election) expire on timers
/// of the given <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class EmbeddedDiscoveryStore : IDiscoveryStore
{
    /// <summary>How many changes are kept for watchers that resume from an older revision.</summary>
    public const int DefaultHistoryLimit = 10_000;

    private readonly Lock _lock = new();
    private readonly SortedList<string, DiscoveryEntry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<DiscoveryEvent> _history = new();
    private readonly List<EmbeddedWatcher> _watchers = [];
    private readonly int _historyLimit;
    private readonly TimeProvider _timeProvider;
    private long _revision;
    private long _compactedRevision;

    /// <summary>Creates an empty store keeping the last <paramref name="historyLimit"/> changes.</summary>
    public EmbeddedDiscoveryStore(int historyLimit = DefaultHistoryLimit)
        : this(TimeProvider.System, historyLimit)
    {
    }

    /// <summary>Creates an empty store whose leases run on <paramref name="timeProvider"/>.</summary>
    public EmbeddedDiscoveryStore(TimeProvider timeProvider, int historyLimit = DefaultHistoryLimit)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyLimit, 1);
        _timeProvider = timeProvider;
        _historyLimit = historyLimit;
    }

    /// <summary>The revision of the latest write; 0 for a store never written to.</summary>
    public long Revision
    {
        get
        {
            lock (_lock)
            {
                return _revision;
            }
        }
    }

    /// <inheritdoc />
    public Task<long> PutAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(PutLocked(key, value, lease: null));
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(DeleteLocked(key));
        }
    }

    /// <inheritdoc />
    public Task<DiscoverySnapshot> GetPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var keys = _entries.Keys;
            var values = _entries.Values;
            var entries = new List<DiscoveryEntry>();
            for (var i = LowerBound(keys, prefix); i < keys.Count && keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                entries.Add(values[i]);
            }

            return Task.FromResult(new DiscoverySnapshot(entries, _revision));
        }
    }

    /// <inheritdoc />
    /// <exception cref="DiscoveryHistoryCompactedException">
    /// <paramref name="afterRevision"/> is older than the retained history, or the watcher fell more than the history
    /// limit behind the writers.
    /// </exception>
    public async IAsyncEnumerable<DiscoveryEvent> WatchAsync(
        string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var watcher = Subscribe(prefix, afterRevision);
        try
        {
            await foreach (var change in watcher.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    private long PutLocked(string key, string value, EmbeddedLease? lease)
    {
        // Like etcd, rewriting the same value is still a write: new revision, new event; and it rebinds the key's lease.
        var revision = ++_revision;
        _entries[key] = new DiscoveryEntry(key, value, revision);
        Bind(key, lease);
        Publish(new DiscoveryEvent(DiscoveryEventType.Put, key, value, revision));
        return revision;
    }

    private bool DeleteLocked(string key)
    {
        if (!_entries.Remove(key))
        {
            return false;
        }

        Bind(key, lease: null);
        Publish(new DiscoveryEvent(DiscoveryEventType.Delete, key, null, ++_revision));
        return true;
    }

    private EmbeddedWatcher Subscribe(string prefix, long afterRevision)
    {
        lock (_lock)
        {
            if (afterRevision < _compactedRevision)
            {
                throw new DiscoveryHistoryCompactedException(afterRevision, _compactedRevision);
            }

            // Replay goes into the same channel as live events, under the lock, so nothing slips in between.
            var watcher = new EmbeddedWatcher(prefix, afterRevision, _historyLimit);
            foreach (var change in _history)
            {
                if (change.Revision > afterRevision)
                {
                    watcher.TryOffer(change);
                }
            }

            _watchers.Add(watcher);
            return watcher;
        }
    }

    private void Publish(DiscoveryEvent change)
    {
        _history.Enqueue(change);
        if (_history.Count > _historyLimit)
        {
            _compactedRevision = _history.Dequeue().Revision;
        }

        for (var i = _watchers.Count - 1; i >= 0; i--)
        {
            if (!_watchers[i].TryOffer(change))
            {
                // A watcher this far behind could only be caught up from history we no longer hold: make it re-list.
                _watchers[i].Fail(new DiscoveryHistoryCompactedException(_watchers[i].LastRevision, _compactedRevision));
                _watchers.RemoveAt(i);
            }
        }
    }

    private static int LowerBound(IList<string> keys, string prefix)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(keys[mid], prefix) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
