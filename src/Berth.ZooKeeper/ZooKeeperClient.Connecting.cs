using System.Net.Sockets;
using Berth.ZooKeeper.Connection;
using Berth.ZooKeeper.Protocol;
using Berth.ZooKeeper.Watches;

namespace Berth.ZooKeeper;

// Connecting: the first connection, and following the session across dropped ones until it is closed or expires.
public sealed partial class ZooKeeperClient
{
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
}
