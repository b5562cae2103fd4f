using Berth.ZooKeeper.Connection;
using Berth.ZooKeeper.Protocol;
using Berth.ZooKeeper.Watches;
using Microsoft.Extensions.Logging;

namespace Berth.ZooKeeper;

// The session: its state, sending requests, taking replies and notifications, and ending.
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
