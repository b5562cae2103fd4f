using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using Microsoft.AspNetCore.Connections;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>
/// A connection's input as a <see cref="PipeReader"/> that reads the socket itself, in the caller's own call: no
/// background receive loop and no pipe between the socket and the application, so a request costs one
/// <c>recv</c> and no hand-over. Edge-triggered: it calls <c>recv</c> only after an edge, and a short read means
/// "drained, wait for the next edge" (nginx's rule) unless the edge also carried the peer's FIN or an error. One
/// contiguous buffer, allocated on the first read and kept for the connection's life. Not pooled: renting and
/// returning around every wait measured as lock traffic in the shared pool, and a buffer given back on completion could
/// still be under a <c>recv</c> of a read racing with it (a tunnel's two directions end on different threads).
/// </summary>
internal sealed class EpollInput(EpollConnection connection) : PipeReader, IValueTaskSource<ReadResult>
{
    private const int InitialSize = 4096;

    // Far above any head the proxy accepts (it refuses those past 64 KB); a reader that examines and never consumes
    // cannot make the buffer grow without end.
    private const int MaxSize = 1024 * 1024;

    private static readonly Action<object?> OnReadable = static input => ((EpollInput)input!).ContinueRead();

    private byte[]? _buffer;
    private int _start;
    private int _end;
    private bool _examinedAll;
    private bool _drained = true;
    private bool _ended;
    private bool _completed;
    private int _cancelPending;
    private Exception? _error;
    private ManualResetValueTaskSourceCore<ReadResult> _pending;

    private ReadOnlySequence<byte> Buffered => _buffer is null ? default : new(_buffer, _start, _end - _start);

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (TryReadNow(out var result))
        {
            return new(result);
        }

        if (cancellationToken.CanBeCanceled)
        {
            return WaitAndReadAsync(cancellationToken);
        }

        // The common wait: the next edge calls back into this reader, which completes the read itself (no state
        // machine of its own between the loop and the application).
        _pending.Reset();
        var version = _pending.Version;
        WaitForEdge();
        return new(this, version);
    }

    /// <summary>What is there without waiting; when an edge is pending this makes the one <c>recv</c> it allows.</summary>
    public override bool TryRead(out ReadResult result) => TryReadNow(out result);

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_buffer is null)
        {
            return;
        }

        if (!ReferenceEquals(consumed.GetObject(), _buffer) || !ReferenceEquals(examined.GetObject(), _buffer))
        {
            throw new InvalidOperationException("The position does not belong to the last buffer read.");
        }

        _start = consumed.GetInteger() & int.MaxValue;
        _examinedAll = (examined.GetInteger() & int.MaxValue) >= _end;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    public override void CancelPendingRead()
    {
        Volatile.Write(ref _cancelPending, 1);
        connection.Readable.Signal();
    }

    public override void Complete(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _buffer = null;
    }

    private bool TryReadNow(out ReadResult result)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (connection.Aborted)
        {
            throw new ConnectionAbortedException();
        }

        if (_error is not null)
        {
            throw _error;
        }

        if (Volatile.Read(ref _cancelPending) != 0 && Interlocked.Exchange(ref _cancelPending, 0) != 0)
        {
            result = new ReadResult(Buffered, isCanceled: true, _ended);
            return true;
        }

        if (_ended || (_end > _start && !_examinedAll))
        {
            result = new ReadResult(Buffered, isCanceled: false, _ended);
            return true;
        }

        if (connection.Readable.TryConsume())
        {
            _drained = false;
        }

        if (!_drained && Receive())
        {
            result = new ReadResult(Buffered, isCanceled: false, _ended);
            return true;
        }

        result = default;
        return false;
    }

    ReadResult IValueTaskSource<ReadResult>.GetResult(short token) => _pending.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<ReadResult>.GetStatus(short token) => _pending.GetStatus(token);

    void IValueTaskSource<ReadResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _pending.OnCompleted(continuation, state, token, flags);

    /// <summary>Waits for an edge through a callback; an edge already pending is read at once.</summary>
    private void WaitForEdge()
    {
        while (connection.Readable.ConsumeOrCallBack(OnReadable, this))
        {
            if (TryCompletePending())
            {
                return;
            }
        }
    }

    /// <summary>An edge came: reads, or waits again when the edge brought nothing (a spurious one, or a cancelled wait's).</summary>
    private void ContinueRead()
    {
        if (!TryCompletePending())
        {
            WaitForEdge();
        }
    }

    private bool TryCompletePending()
    {
        _drained = false;
        try
        {
            if (!TryReadNow(out var result))
            {
                return false;
            }

            _pending.SetResult(result);
        }
        catch (Exception e)
        {
            _pending.SetException(e);
        }

        return true;
    }

    /// <summary>A read with a cancellation token (rare on the proxy path): waits as an ordinary async method.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> WaitAndReadAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static c => ((EpollConnection)c!).Readable.Signal(), connection)
            : default;
        while (true)
        {
            await connection.Readable.WaitAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            _drained = false;
            if (TryReadNow(out var result))
            {
                return result;
            }
        }
    }

    /// <summary>One <c>recv</c> (again after EINTR): true when it brought bytes or the end, false when the socket is drained.</summary>
    private bool Receive()
    {
        var space = MakeRoom();
        while (true)
        {
            var received = connection.Receive(_buffer.AsSpan(_end, space));
            if (received > 0)
            {
                _end += received;
                _examinedAll = false;
                _drained = received < space && !connection.HungUp;
                return true;
            }

            if (received == 0)
            {
                _ended = true;
                connection.OnInputEnded();
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EpollNative.EAgain)
            {
                _drained = true;
                return false;
            }

            if (errno != EpollNative.EIntr)
            {
                _error = new ConnectionResetException($"recv failed: errno {errno}");
                connection.OnInputEnded();
                throw _error;
            }
        }
    }

    /// <summary>Free bytes after <see cref="_end"/>: rents, compacts or grows the buffer as needed.</summary>
    private int MakeRoom()
    {
        if (_buffer is null)
        {
            _buffer = GC.AllocateUninitializedArray<byte>(InitialSize);
            _start = _end = 0;
        }
        else if (_end == _buffer.Length && _start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            (_start, _end) = (0, _end - _start);
        }
        else if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxSize)
            {
                throw new InvalidOperationException($"More than {MaxSize} bytes read and not consumed.");
            }

            var larger = GC.AllocateUninitializedArray<byte>(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            _buffer = larger;
        }

        return _buffer.Length - _end;
    }
}
