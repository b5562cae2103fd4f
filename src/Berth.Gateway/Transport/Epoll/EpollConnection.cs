using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>
/// One TCP connection on an <see cref="EpollLoop"/>, as the same pipes Kestrel's socket transport gives: bytes are read
/// only when epoll reported them (a short read means the socket is drained, so there is no read that returns EAGAIN),
/// and written straight from the output pipe, waiting for EPOLLOUT only when the socket's buffer is full.
/// </summary>
internal sealed partial class EpollConnection : ConnectionContext
{
    // Kestrel's defaults: 1 MB of unread input and 64 KB of unsent output before the other side has to wait.
    private static readonly PipeOptions InputOptions = new(MemoryPool<byte>.Shared, PipeScheduler.Inline, PipeScheduler.Inline, 1024 * 1024, 512 * 1024, 4096, false);
    private static readonly PipeOptions OutputOptions = new(MemoryPool<byte>.Shared, PipeScheduler.Inline, PipeScheduler.Inline, 64 * 1024, 32 * 1024, 4096, false);
    private static long _lastId;

    private readonly Socket _socket;
    private readonly int _fd;
    private readonly EpollLoop _loop;
    private readonly ulong _id;
    private readonly Pipe _input = new(InputOptions);
    private readonly Pipe _output = new(OutputOptions);
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _fdLock = new();
    private Task _receiving = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;
    private volatile bool _aborted;
    private bool _fdClosed;
    private bool _hungUp;

    /// <summary>Takes over a connected (or connecting) non-blocking socket and registers it with <paramref name="loop"/>.</summary>
    public EpollConnection(Socket socket, EpollLoop loop, EndPoint? local, EndPoint? remote)
    {
        _socket = socket;
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
        _loop = loop;
        LocalEndPoint = local;
        RemoteEndPoint = remote;
        ConnectionId = "E" + Interlocked.Increment(ref _lastId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
        _id = loop.Register(_fd, this);
    }

    /// <summary>The index of the loop the connection runs on.</summary>
    public int LoopIndex => _loop.Index;

    /// <summary>Signalled on EPOLLIN (and on hang-up or error).</summary>
    public ReadySignal Readable { get; } = new();

    /// <summary>Signalled on EPOLLOUT (and on hang-up or error).</summary>
    public ReadySignal Writable { get; } = new();

    /// <summary>
    /// Set (before <see cref="Readable"/>) when epoll reported the peer's FIN, a hang-up or an error. The edge that
    /// carries it may be the same one that carried the last bytes, so after it a short read no longer means "wait":
    /// the receive loop reads on until recv says 0 or fails.
    /// </summary>
    public bool HungUp
    {
        get => Volatile.Read(ref _hungUp);
        set => Volatile.Write(ref _hungUp, value);
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override CancellationToken ConnectionClosed
    {
        get => _closed.Token;
        set => throw new NotSupportedException();
    }

    /// <summary>Starts moving bytes between the socket and the pipes.</summary>
    public void Start()
    {
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    /// <summary>Ends the connection now: unsent output is dropped and the input ends with a <see cref="ConnectionAbortedException"/>.</summary>
    public override void Abort(ConnectionAbortedException abortReason)
    {
        _aborted = true;
        _output.Reader.CancelPendingRead();
        Writable.Signal();
        ShutdownSocket();
    }

    public override async ValueTask DisposeAsync()
    {
        // Output first, so what the application wrote is still sent; the send loop then shuts the socket down,
        // which ends the receive loop too.
        _output.Writer.Complete();
        _input.Reader.Complete();
        await _sending.ConfigureAwait(false);
        await _receiving.ConfigureAwait(false);
        Close();
        _closed.Dispose();
    }

    /// <summary>Unregisters and closes the socket; only once nothing can make a system call on its fd any more.</summary>
    public void Close()
    {
        lock (_fdLock)
        {
            if (_fdClosed)
            {
                return;
            }

            _fdClosed = true;
            _loop.Unregister(_id, _fd);
            _socket.Dispose();
        }
    }

    /// <summary>Wakes both loops through epoll (a hang-up) without closing the fd, which they may still be using.</summary>
    private void ShutdownSocket()
    {
        lock (_fdLock)
        {
            if (!_fdClosed)
            {
                _ = EpollNative.Shutdown(_fd, EpollNative.ShutRdWr);
            }
        }
    }

    /// <summary>Fires <see cref="ConnectionClosed"/> off the loop thread, as Kestrel does, so its callbacks cannot stall the loop.</summary>
    private void FireClosed() => ThreadPool.UnsafeQueueUserWorkItem(static c => c.CancelClosed(), this, preferLocal: false);

    private void CancelClosed()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed already: nobody is listening.
        }
    }
}
