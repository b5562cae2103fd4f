using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>
/// One TCP connection on an <see cref="EpollLoop"/>, offered as Kestrel's <see cref="ConnectionContext"/>. Its input
/// and output read and write the socket in the application's own calls (<see cref="EpollInput"/>,
/// <see cref="EpollOutput"/>); the loop only turns epoll's edges into <see cref="Readable"/> and <see cref="Writable"/>.
/// </summary>
internal sealed class EpollConnection : ConnectionContext
{
    private static long _lastId;

    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly int _fd;
    private readonly EpollLoop _loop;
    private readonly ulong _id;
    private readonly EpollInput _input;
    private readonly EpollOutput _output;
    private readonly CancellationTokenSource _closed = new();
    private int _closing;
    private int _closedFired;
    private volatile bool _aborted;
    private volatile bool _hungUp;

    /// <summary>Takes over a connected (or connecting) non-blocking socket and registers it with <paramref name="loop"/>.</summary>
    public EpollConnection(Socket socket, EpollLoop loop, EndPoint? local, EndPoint? remote)
    {
        _socket = socket;
        _handle = socket.SafeHandle;
        _fd = (int)_handle.DangerousGetHandle();
        _loop = loop;
        LocalEndPoint = local;
        RemoteEndPoint = remote;
        ConnectionId = "E" + Interlocked.Increment(ref _lastId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _input = new EpollInput(this);
        _output = new EpollOutput(this);
        Transport = new DuplexPipe(_input, _output);
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
    /// the input reads on until recv says 0 or fails.
    /// </summary>
    public bool HungUp => _hungUp;

    /// <summary>True once <see cref="Abort"/> was called: reads throw <see cref="ConnectionAbortedException"/>, writes are dropped.</summary>
    public bool Aborted => _aborted;

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override CancellationToken ConnectionClosed
    {
        get => _closed.Token;
        set => throw new NotSupportedException();
    }

    /// <summary>The loop saw the peer's FIN, a hang-up or an error: the connection counts as closed from now on.</summary>
    public void OnHangUp()
    {
        _hungUp = true;
        FireClosed();
    }

    /// <summary>The input read the end of the stream or failed.</summary>
    public void OnInputEnded() => FireClosed();

    /// <summary>Ends the connection now: unsent output is dropped and reads throw <see cref="ConnectionAbortedException"/>.</summary>
    public override void Abort(ConnectionAbortedException abortReason)
    {
        _aborted = true;
        Readable.Signal();
        Writable.Signal();
        Shutdown();
        FireClosed();
    }

    public override ValueTask DisposeAsync()
    {
        _output.Complete();
        _input.Complete();
        Close();
        FireClosed();
        return ValueTask.CompletedTask;
    }

    /// <summary>Unregisters and closes the socket; the fd itself closes once no system call is using it.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _loop.Unregister(_id, _fd);
        _socket.Dispose();
    }

    /// <summary>Shuts both directions down (which also wakes anything waiting through epoll), unless the socket is closed already.</summary>
    public void Shutdown()
    {
        if (TryUse())
        {
            _ = EpollNative.Shutdown(_fd, EpollNative.ShutRdWr);
            _handle.DangerousRelease();
        }
    }

    /// <summary><c>recv</c> into <paramref name="buffer"/>: bytes, 0 at the end, -1 with errno set (EBADF once closed).</summary>
    public unsafe int Receive(Span<byte> buffer)
    {
        if (!TryUse())
        {
            return 0;
        }

        try
        {
            fixed (byte* p = buffer)
            {
                return (int)EpollNative.Recv(_fd, p, (nuint)buffer.Length, 0);
            }
        }
        finally
        {
            _handle.DangerousRelease();
        }
    }

    /// <summary><c>send</c> of <paramref name="bytes"/>: bytes taken, or -1 with errno set.</summary>
    public unsafe int Send(ReadOnlySpan<byte> bytes)
    {
        if (!TryUse())
        {
            System.Runtime.InteropServices.Marshal.SetLastPInvokeError(EpollNative.EBadF);
            return -1;
        }

        try
        {
            fixed (byte* p = bytes)
            {
                return (int)EpollNative.Send(_fd, p, (nuint)bytes.Length, EpollNative.MsgNoSignal);
            }
        }
        finally
        {
            _handle.DangerousRelease();
        }
    }

    /// <summary>Holds the fd open for one system call (the handle's reference count), so a close racing with it can't hand the number to another socket.</summary>
    private bool TryUse()
    {
        var used = false;
        try
        {
            _handle.DangerousAddRef(ref used);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        return used;
    }

    /// <summary>Fires <see cref="ConnectionClosed"/> once, off the caller's thread, as Kestrel does, so its callbacks cannot stall a loop.</summary>
    private void FireClosed()
    {
        if (Interlocked.Exchange(ref _closedFired, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.CancelClosed(), this, preferLocal: false);
        }
    }

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
