namespace Berth.Discovery.Embedded;

/// <summary>
/// A TTL on the embedded store, driven by its <see cref="TimeProvider"/>: an expiry timer the keep-alive timer keeps
/// pushing back. Keys bound to the lease are deleted when it expires or is revoked (disposed).
/// </summary>
internal sealed class EmbeddedLease : IAsyncDisposable
{
    private readonly EmbeddedDiscoveryStore _store;
    private readonly ITimer _expiry;
    private readonly ITimer _keepAlive;
    private readonly CancellationTokenSource _lost = new();
    private int _ended;

    public EmbeddedLease(EmbeddedDiscoveryStore store, TimeSpan ttl, TimeProvider timeProvider)
    {
        _store = store;
        Ttl = ttl;
        _expiry = timeProvider.CreateTimer(static state => ((EmbeddedLease)state!).Expire(), this, ttl, Timeout.InfiniteTimeSpan);
        var period = ttl / 3;
        _keepAlive = timeProvider.CreateTimer(static state => ((EmbeddedLease)state!).Renew(), this, period, period);
    }

    public TimeSpan Ttl { get; }

    /// <summary>The keys bound to this lease; guarded by the store's lock.</summary>
    public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>Cancelled when the lease ends, before its keys are deleted.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Stops the keep-alive as if the owner had died: the lease then expires after its TTL.</summary>
    public void Abandon() => _keepAlive.Dispose();

    /// <summary>Revokes the lease: its keys are deleted at once.</summary>
    public ValueTask DisposeAsync()
    {
        _store.EndLease(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Marks the lease ended (timers off, <see cref="Lost"/> cancelled); false when it had ended already.</summary>
    public bool TryEnd()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return false;
        }

        _keepAlive.Dispose();
        _expiry.Dispose();
        _lost.Cancel();
        return true;
    }

    private void Renew()
    {
        if (Volatile.Read(ref _ended) == 0)
        {
            _expiry.Change(Ttl, Timeout.InfiniteTimeSpan);
        }
    }

    private void Expire() => _store.EndLease(this);
}
