using Berth.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// A candidate that won: its node is the lowest in the election. <see cref="Lost"/> is cancelled when the
/// candidate's session ends, when its node is deleted, and when the server has not answered for half the TTL: the
/// server cannot expire the session (and let a successor in) before a whole TTL has passed, so the old leader stops
/// well before a new one starts. Disposing closes the session, deleting the node, and the next candidate's watch on
/// it fires at once.
/// </summary>
internal sealed class ElectionCandidacy : IAsyncDisposable
{
    private readonly ZooKeeperSession _session;
    private readonly ZooKeeperClient _client;
    private readonly string _node;
    private readonly string _election;
    private readonly string _candidate;
    private readonly TimeSpan _ttl;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<IAsyncDisposable> _released;
    private readonly CancellationTokenSource _lost = new();
    private ITimer? _stepDown;
    private int _disposed;

    public ElectionCandidacy(
        ZooKeeperSession session,
        ZooKeeperClient client,
        string node,
        string election,
        string candidate,
        TimeSpan ttl,
        ILogger logger,
        TimeProvider time,
        Action<IAsyncDisposable> released)
    {
        _session = session;
        _client = client;
        _node = node;
        _election = election;
        _candidate = candidate;
        _ttl = ttl;
        _logger = logger;
        _time = time;
        _released = released;
        client.StateChanged += OnStateChanged;
        if (client.State is ZooKeeperState.Expired or ZooKeeperState.Closed)
        {
            MarkLost();
        }
    }

    /// <summary>Cancelled when the lead is lost (see the class summary), or resigned.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Watches the candidate's own node, so that its deletion by anyone ends the leadership too.</summary>
    public async Task WatchNodeAsync(CancellationToken cancellationToken)
    {
        if (await _client.ExistsAsync(_node, OnNodeEvent, cancellationToken).ConfigureAwait(false) is null)
        {
            MarkLost();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _client.StateChanged -= OnStateChanged;
        Interlocked.Exchange(ref _stepDown, null)?.Dispose();
        await _session.DisposeAsync().ConfigureAwait(false);
        await _lost.CancelAsync().ConfigureAwait(false);
        _released(this);
    }

    /// <summary>Runs on the client's event loop, one state change at a time.</summary>
    private void OnStateChanged(object? sender, ZooKeeperState state)
    {
        Interlocked.Exchange(ref _stepDown, null)?.Dispose();
        if (state is ZooKeeperState.Expired or ZooKeeperState.Closed)
        {
            MarkLost();
        }
        else if (state == ZooKeeperState.Disconnected)
        {
            var wait = _client.SessionLeaseRemaining - _ttl / 2;
            Interlocked.Exchange(ref _stepDown, _time.CreateTimer(_ => StepDownIfStillCut(), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan))
                ?.Dispose();
        }
    }

    private void StepDownIfStillCut()
    {
        if (_client.State is not (ZooKeeperState.SyncConnected or ZooKeeperState.ConnectedReadOnly))
        {
            MarkLost();
        }
    }

    private void OnNodeEvent(WatchedEvent change)
    {
        if (change.Type == WatchEventType.NodeDeleted || change.State is ZooKeeperState.Expired or ZooKeeperState.Closed)
        {
            MarkLost();
        }
        else if (Volatile.Read(ref _disposed) == 0)
        {
            // Any other change used the one-shot watch up: set it again.
            _ = WatchAgainAsync();
        }
    }

    private async Task WatchAgainAsync()
    {
        try
        {
            await WatchNodeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ZooKeeperException)
        {
            // The session is ending; OnStateChanged reports it.
        }
    }

    private void MarkLost()
    {
        if (Volatile.Read(ref _disposed) == 0 && !_lost.IsCancellationRequested)
        {
            DiscoveryLog.LeadershipLost(_logger, _candidate, _election);
        }

        _lost.Cancel();
    }
}
