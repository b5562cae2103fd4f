using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Berth.ZooKeeper.Protocol;

namespace Berth.ZooKeeper.Connection;

/// <summary>
/// One TCP connection to one server, past the session handshake. Requests are written in the order they are handed in
/// and the server answers them in that order, so replies are matched to the oldest unanswered request. A receive loop,
/// a send loop and a ping loop run until one of them fails; then the connection is dead for good.
/// </summary>
internal sealed class ZooKeeperConnection : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly IConnectionListener _listener;
    private readonly TimeProvider _time;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<Packet> _pending = new();
    private readonly Queue<AuthRequest> _auths = new();
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _dead;

    private ZooKeeperConnection(NetworkStream stream, DnsEndPoint server, ConnectResponse session, IConnectionListener listener, TimeProvider time)
    {
        _stream = stream;
        Server = server;
        Session = session;
        _listener = listener;
        _time = time;
        var timeout = TimeSpan.FromMilliseconds(session.TimeoutMs);
        // As the reference client does: ping after a third of the timeout, give up on a silent server after two thirds.
        Completion = RunAsync(timeout / 3, timeout * 2 / 3);
    }

    public DnsEndPoint Server { get; }

    /// <summary>The session the server granted on this connection.</summary>
    public ConnectResponse Session { get; }

    /// <summary>Completes, with the reason, when the connection has died.</summary>
    public Task<Exception> Completion { get; }

    /// <summary>
    /// Connects and performs the handshake within <paramref name="timeout"/>. Throws <see cref="SessionExpiredException"/>
    /// when the server refuses to resume the session, and socket, I/O or timeout errors when the server cannot be reached.
    /// </summary>
    public static async Task<ZooKeeperConnection> OpenAsync(
        DnsEndPoint server, ConnectRequest request, TimeSpan timeout, IConnectionListener listener, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, linked.Token).ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: true);
            await stream.WriteAsync(request.ToFrame(), linked.Token).ConfigureAwait(false);
            var response = ConnectResponse.Read(await Frames.ReadAsync(stream, linked.Token).ConfigureAwait(false));
            if (response.Expired)
            {
                throw new SessionExpiredException();
            }

            return new ZooKeeperConnection(stream, server, response, listener, time);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"ZooKeeper at {server.Host}:{server.Port} did not complete the handshake within {timeout.TotalMilliseconds:F0} ms.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Queues a request; false when the connection is dead (the caller keeps the packet for the next one).</summary>
    public bool TrySend(Packet packet) => TryQueue(_pending, packet, packet.Frame);

    /// <summary>Queues credentials; false when the connection is dead.</summary>
    public bool TrySendAuth(AuthRequest auth) => TryQueue(_auths, auth, auth.Frame);

    /// <summary>Marks the connection dead and returns the requests that got no reply (their outcome is unknown).</summary>
    public IReadOnlyList<Packet> TakeUnanswered()
    {
        lock (_lock)
        {
            _dead = true;
            var unanswered = _pending.ToList();
            _pending.Clear();
            _auths.Clear();
            return unanswered;
        }
    }

    /// <summary>Drops the connection at once, without telling the server anything.</summary>
    public void Abort() => _stop.Cancel();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Abort();
        await Completion.ConfigureAwait(false);
        // _stop stays undisposed: Abort must be safe after DisposeAsync, and a token source without timers holds nothing.
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Writes a frame and remembers what awaits its reply, atomically, so replies keep matching the send order.</summary>
    private bool TryQueue<T>(Queue<T> awaiting, T item, byte[] frame)
    {
        lock (_lock)
        {
            if (_dead)
            {
                return false;
            }

            awaiting.Enqueue(item);
            _outgoing.Writer.TryWrite(frame);
            return true;
        }
    }

    private async Task<Exception> RunAsync(TimeSpan pingInterval, TimeSpan readTimeout)
    {
        // Leave the constructor before the loops start touching the connection.
        await Task.Yield();
        Task[] loops = [ReceiveLoopAsync(readTimeout), SendLoopAsync(), PingLoopAsync(pingInterval)];
        var first = await Task.WhenAny(loops).ConfigureAwait(false);
        lock (_lock)
        {
            _dead = true;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        // Closing the socket ends reads and writes that do not watch the token.
        _stream.Socket.Close();
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The first failure is the reason; the others are its echoes.
        }

        return first.Exception?.InnerException ?? new EndOfStreamException($"The connection to {Server.Host}:{Server.Port} was closed.");
    }

    private async Task ReceiveLoopAsync(TimeSpan readTimeout)
    {
        while (true)
        {
            byte[] frame;
            using (var timer = new CancellationTokenSource(readTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, timer.Token))
            {
                try
                {
                    frame = await Frames.ReadAsync(_stream, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timer.IsCancellationRequested && !_stop.IsCancellationRequested)
                {
                    throw new TimeoutException($"ZooKeeper at {Server.Host}:{Server.Port} sent nothing for {readTimeout.TotalMilliseconds:F0} ms.");
                }
            }

            Dispatch(frame);
        }
    }

    private void Dispatch(byte[] frame)
    {
        var reader = new JuteReader(frame);
        var xid = reader.ReadInt();
        var zxid = reader.ReadLong();
        var error = (ZooKeeperErrorCode)reader.ReadInt();
        switch (xid)
        {
            case Xids.Notification:
                var type = (WatchEventType)reader.ReadInt();
                var state = (ZooKeeperState)reader.ReadInt();
                _listener.OnNotification(type, state, reader.ReadString(), zxid);
                return;
            case Xids.Auth:
                AuthRequest? auth;
                lock (_lock)
                {
                    _auths.TryDequeue(out auth);
                }

                if (auth is null)
                {
                    throw new InvalidDataException("ZooKeeper answered an auth request that was never sent.");
                }

                if (error == ZooKeeperErrorCode.Ok)
                {
                    auth.Accepted.TrySetResult();
                }
                else
                {
                    auth.Accepted.TrySetException(new ZooKeeperException(error, null, $"ZooKeeper refused the '{auth.Scheme}' credentials ({error})."));
                }

                return;
            default:
                Packet? packet;
                lock (_lock)
                {
                    _pending.TryDequeue(out packet);
                }

                if (packet is null || packet.Xid != xid)
                {
                    packet?.Completion.TrySetException(new ConnectionLossException("The connection got out of step with the server."));
                    throw new InvalidDataException($"ZooKeeper answered request {xid} but {packet?.Xid.ToString() ?? "none"} was the oldest unanswered.");
                }

                _listener.OnReply(packet, new Reply(zxid, error, frame.AsMemory(16)));
                return;
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _outgoing.Reader;
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out var frame))
            {
                await _stream.WriteAsync(frame, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    private async Task PingLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _time);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            var ping = Packet.Create(OpCode.Ping);
            ping.SetXid(Xids.Ping);
            ping.SentAt = _time.GetTimestamp();
            if (!TrySend(ping))
            {
                return;
            }
        }
    }
}
