using System.Net.Sockets;
using Berth.ZooKeeper.Connection;
using Berth.ZooKeeper.Protocol;
using Berth.ZooKeeper.Watches;
using Microsoft.Extensions.Logging;

namespace Berth.ZooKeeper;

// The session: connecting, re-attaching after a dropped connection, sending, and ending.
public sealed partial class ZooKeeperClient : IConnectionListener
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    private readonly ZooKeeperClientOptions _options;
    private readonly ConnectString _connect;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventDispatcher _dispatcher;
    private readonly WatchRegistry _watches;
    private readonly Lock _lock = new();
    private readonly Queue<Packet> _outbox = new();
    private readonly List<AuthRequest> _auths = [];
    private readonly CancellationTokenSource _closing = new();
    private ZooKeeperConnection? _connection;
    private ZooKeeperState _state = ZooKeeperState.Disconnected;
    private bool _disposed;
    private long _sessionId;
    private byte[] _password = new byte[16];
    private TimeSpan _sessionTimeout;
    private long _lastZxid;
    private long _lastAckedSend;
    private int _nextXid;
    private int _nextHost;
    private Task _sessionLoop = Task.CompletedTask;

    private ZooKeeperClient(ZooKeeperClientOptions options, ConnectString connect)
    {
        _options = options;
        _connect = connect;
        _time = options.TimeProvider;
        _logger = options.Logger;
        _dispatcher = new EventDispatcher(_logger);
        _watches = new WatchRegistry(_dispatcher);
    }

    /// <summary>Raised, in order with watch callbacks, when <see cref="State"/> changes.</summary>
    public event EventHandler<ZooKeeperState>? StateChanged;

    /// <summary>The session's current state.</summary>
    public ZooKeeperState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>The session's id, as the server's logs and <c>ephemeralOwner</c> show it.</summary>
    public long SessionId => Interlocked.Read(ref _sessionId);

    /// <summary>The session timeout the server granted.</summary>
    public TimeSpan SessionTimeout
    {
        get
        {
            lock (_lock)
            {
                return _sessionTimeout;
            }
        }
    }

    /// <summary>
    /// How long the server is sure to keep the session if the client hears nothing more from now on: the session
    /// timeout less the time since the last request the server answered was sent. A leader that cannot reach the
    /// server uses it to step down before the session can expire and a successor be elected.
    /// </summary>
    public TimeSpan SessionLeaseRemaining => SessionTimeout - _time.GetElapsedTime(Interlocked.Read(ref _lastAckedSend));

    /// <summary>The highest zxid any reply has carried: the client never reconnects to a server behind it.</summary>
    public long LastZxid => Interlocked.Read(ref _lastZxid);

    /// <summary>Closes the session (the server deletes its ephemeral nodes at once) and ends every watch with <see cref="ZooKeeperState.Closed"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        ZooKeeperConnection? connection;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connection = _connection;
        }

        // Cancel first: when the server closes the socket after our closeSession, the session loop must not reconnect.
        await _closing.CancelAsync().ConfigureAwait(false);
        if (connection is not null)
        {
            var close = Packet.Create(OpCode.CloseSession);
            lock (_lock)
            {
                close.SetXid(NextXid());
                close.SentAt = _time.GetTimestamp();
                connection.TrySend(close);
            }

            try
            {
                await close.Completion.Task.WaitAsync(Min(_sessionTimeout, TimeSpan.FromSeconds(2)), _time).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or ZooKeeperException or ObjectDisposedException)
            {
                // The server expires the session on its own if it never heard the close.
            }

            connection.Abort();
        }

        await _sessionLoop.ConfigureAwait(false);
        List<Packet> unsent;
        lock (_lock)
        {
            unsent = [.. _outbox];
            _outbox.Clear();
            SetStateLocked(ZooKeeperState.Closed);
        }

        var closed = new ObjectDisposedException(nameof(ZooKeeperClient));
        Fail(unsent, () => closed);
        FailAuths(closed);
        _watches.End(ZooKeeperState.Closed);
        await _dispatcher.CompleteAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    void IConnectionListener.OnNotification(WatchEventType type, ZooKeeperState state, string serverPath, long zxid) =>
        _watches.Route(new WatchedEvent(type, state, _connect.ToClient(serverPath), zxid));

    void IConnectionListener.OnReply(Packet packet, Reply reply)
    {
        // Ping replies carry the server's zxid, not one this client has seen the effects of.
        if (packet.Op != OpCode.Ping && reply.Zxid > Interlocked.Read(ref _lastZxid))
        {
            Interlocked.Exchange(ref _lastZxid, reply.Zxid);
        }

        Interlocked.Exchange(ref _lastAckedSend, packet.SentAt);
        if (packet.Watch is { } registration)
        {
            _watches.OnReply(registration, reply.Error, reply.Zxid);
        }

        packet.Completion.TrySetResult(reply);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp() + Ticks(_options.SessionTimeout);
        var connection = await ConnectUntilAsync(deadline, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectionLossException(
                $"No ZooKeeper server answered at {_options.ConnectString} within {_options.SessionTimeout.TotalSeconds:0.#} s.");
        Attach(connection, first: true);
        _sessionLoop = RunSessionAsync(connection);
    }

    /// <summary>Tries the servers in turn, with back-off, until one grants the session or <paramref name="deadline"/> passes (null).</summary>
    private async Task<ZooKeeperConnection?> ConnectUntilAsync(long deadline, CancellationToken cancellationToken)
    {
        var hosts = _connect.Hosts;
        var backoff = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            var remaining = Remaining(deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            var host = hosts[_nextHost++ % hosts.Count];
            var request = new ConnectRequest(
                LastZxid, (int)_options.SessionTimeout.TotalMilliseconds, SessionId, _password, _options.CanBeReadOnly);
            try
            {
                // As the reference client does: a server that hangs gets its share of the timeout, not all of it.
                var attemptTimeout = Min(remaining, _options.SessionTimeout / hosts.Count);
                return await ZooKeeperConnection.OpenAsync(host, request, attemptTimeout, this, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or InvalidDataException)
            {
                ZooKeeperLog.ConnectFailed(_logger, ex, $"{host.Host}:{host.Port}");
            }

            // A round over every server failed: wait a little longer each time.
            if (attempt % hosts.Count == 0)
            {
                await Task.Delay(Min(backoff, Remaining(deadline)), _time, cancellationToken).ConfigureAwait(false);
                backoff = Min(backoff * 2, MaxBackoff);
            }
        }
    }

    /// <summary>Makes a fresh connection the session's: credentials and watches first, then whatever waited.</summary>
    private void Attach(ZooKeeperConnection connection, bool first)
    {
        var session = connection.Session;
        lock (_lock)
        {
            if (_disposed)
            {
                // Disposed while reconnecting: the session loop sees the connection end and stops.
                connection.Abort();
                return;
            }

            Interlocked.Exchange(ref _sessionId, session.SessionId);
            _password = session.Password;
            _sessionTimeout = TimeSpan.FromMilliseconds(session.TimeoutMs);
            Interlocked.Exchange(ref _lastAckedSend, _time.GetTimestamp());
            foreach (var auth in _auths)
            {
                connection.TrySendAuth(auth);
            }

            // A dead connection drops these; the next one is primed again from the registry.
            var watches = _watches.Snapshot();
            if (watches.HasOneShot)
            {
                connection.TrySend(Stamp(SetWatchesPacket(watches)));
            }

            foreach (var (path, mode) in watches.Persistent)
            {
                connection.TrySend(Stamp(AddWatchPacket(path, mode, new WatchRegistration(WatchKind.Reregister, path))));
            }

            _connection = connection;
            var waiting = _outbox.ToList();
            _outbox.Clear();
            waiting.ForEach(SendLocked);
            var state = session.ReadOnly ? ZooKeeperState.ConnectedReadOnly : ZooKeeperState.SyncConnected;
            if (first)
            {
                // Nobody can have subscribed to StateChanged yet.
                _state = state;
            }
            else
            {
                SetStateLocked(state);
            }
        }

        ZooKeeperLog.Connected(_logger, session.SessionId, $"{connection.Server.Host}:{connection.Server.Port}", session.TimeoutMs);
    }

    /// <summary>
    /// One-shot watches held when the connection dropped: the server sets them again and, comparing with the last zxid
    /// seen, fires at once those whose node changed meanwhile.
    /// </summary>
    private Packet SetWatchesPacket(WatchSnapshot watches) => Packet.Create(OpCode.SetWatches, w =>
    {
        w.WriteLong(LastZxid);
        w.WriteStrings(watches.Data.Select(_connect.ToServer).ToList());
        w.WriteStrings(watches.Exist.Select(_connect.ToServer).ToList());
        w.WriteStrings(watches.Child.Select(_connect.ToServer).ToList());
    });

    /// <summary>Follows the session across dropped connections until it is closed or expires.</summary>
    private async Task RunSessionAsync(ZooKeeperConnection connection)
    {
        while (true)
        {
            var reason = await connection.Completion.ConfigureAwait(false);
            IReadOnlyList<Packet> unanswered;
            lock (_lock)
            {
                _connection = null;
                unanswered = connection.TakeUnanswered();
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            var server = $"{connection.Server.Host}:{connection.Server.Port}";
            if (_closing.IsCancellationRequested)
            {
                var closed = new ObjectDisposedException(nameof(ZooKeeperClient));
                Fail(unanswered, () => closed);
                return;
            }

            Fail(unanswered, () => new ConnectionLossException($"The connection to ZooKeeper at {server} dropped before the reply ({reason.Message})."));
            ZooKeeperLog.Disconnected(_logger, reason, SessionId, server);
            lock (_lock)
            {
                SetStateLocked(ZooKeeperState.Disconnected);
            }

            _watches.OnDisconnected();

            // The server expires the session no sooner than a timeout after it last heard us; the send time of the last
            // request it answered is a safe lower bound for that, so we never think the session alive when it is not.
            var deadline = Interlocked.Read(ref _lastAckedSend) + Ticks(SessionTimeout);
            ZooKeeperConnection? next;
            try
            {
                next = await ConnectUntilAsync(deadline, _closing.Token).ConfigureAwait(false);
            }
            catch (SessionExpiredException)
            {
                next = null;
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested)
            {
                return;
            }

            if (next is null)
            {
                Expire();
                return;
            }

            connection = next;
            Attach(connection, first: false);
        }
    }

    private void Expire()
    {
        List<Packet> unsent;
        lock (_lock)
        {
            unsent = [.. _outbox];
            _outbox.Clear();
            SetStateLocked(ZooKeeperState.Expired);
        }

        ZooKeeperLog.Expired(_logger, SessionId);
        Fail(unsent, () => new SessionExpiredException());
        FailAuths(new SessionExpiredException());
        _watches.End(ZooKeeperState.Expired);
    }

    /// <summary>Sends a request and waits for its reply; an error reply throws unless it is one of <paramref name="accepted"/>.</summary>
    private async Task<Reply> SendAsync(Packet packet, string path, CancellationToken cancellationToken, params ZooKeeperErrorCode[] accepted)
    {
        lock (_lock)
        {
            ThrowIfEnded();
            SendLocked(packet);
        }

        var reply = await packet.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (reply.Error != ZooKeeperErrorCode.Ok && Array.IndexOf(accepted, reply.Error) < 0)
        {
            throw ZooKeeperException.Create(reply.Error, path);
        }

        return reply;
    }

    private void SendLocked(Packet packet)
    {
        if (_connection is not { } connection || !connection.TrySend(Stamp(packet)))
        {
            _outbox.Enqueue(packet);
        }
    }

    private Packet Stamp(Packet packet)
    {
        packet.SetXid(NextXid());
        packet.SentAt = _time.GetTimestamp();
        return packet;
    }

    private int NextXid() => _nextXid = _nextXid == int.MaxValue ? 1 : _nextXid + 1;

    private void ThrowIfEnded()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_state == ZooKeeperState.Expired)
        {
            throw new SessionExpiredException();
        }
    }

    private void SetStateLocked(ZooKeeperState state)
    {
        if (_state == state)
        {
            return;
        }

        _state = state;
        _dispatcher.Post(() => StateChanged?.Invoke(this, state));
    }

    private static void Fail(IEnumerable<Packet> packets, Func<Exception> error)
    {
        foreach (var packet in packets)
        {
            // Nobody waits on pings.
            if (packet.Op != OpCode.Ping)
            {
                packet.Completion.TrySetException(error());
            }
        }
    }

    private void FailAuths(Exception error)
    {
        lock (_lock)
        {
            _auths.ForEach(auth => auth.Accepted.TrySetException(error));
        }
    }

    private TimeSpan Remaining(long deadline) => deadline <= _time.GetTimestamp() ? TimeSpan.Zero : _time.GetElapsedTime(_time.GetTimestamp(), deadline);

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
