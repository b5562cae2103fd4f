using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>
/// A connection's output as a <see cref="PipeWriter"/> whose flush is the <c>send</c> itself, in the caller's own
/// call: no background send loop and no pipe in between. Only when the socket's buffer is full does a flush wait, for
/// EPOLLOUT. Bytes are gathered in one buffer kept while it is the usual size (not pooled, as in <see cref="EpollInput"/>).
/// </summary>
internal sealed class EpollOutput(EpollConnection connection) : PipeWriter
{
    private const int MinimumSize = 4096;

    private byte[]? _buffer;
    private int _written;
    private bool _peerGone;
    private bool _completed;
    private int _cancelPending;

    public override void Advance(int bytes)
    {
        if ((uint)bytes > (uint)(Capacity - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), "Advanced past the memory handed out.");
        }

        _written += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public override Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (Volatile.Read(ref _cancelPending) != 0 && Interlocked.Exchange(ref _cancelPending, 0) != 0)
        {
            return new(new FlushResult(isCanceled: true, _peerGone));
        }

        var sent = _peerGone || _written == 0 ? 0 : SendSome(_buffer.AsSpan(0, _written));
        if (sent == _written || _peerGone)
        {
            Reset();
            return new(new FlushResult(isCanceled: false, _peerGone));
        }

        return SendRestAsync(sent, cancellationToken);
    }

    /// <summary>Sends straight from <paramref name="source"/> when nothing is gathered: no copy into a buffer.</summary>
    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        if (_written > 0 || _peerGone)
        {
            this.Write(source.Span);
            return FlushAsync(cancellationToken);
        }

        ObjectDisposedException.ThrowIf(_completed, this);
        var sent = SendSome(source.Span);
        if (sent == source.Length || _peerGone)
        {
            return new(new FlushResult(isCanceled: false, _peerGone));
        }

        this.Write(source.Span[sent..]);
        return SendRestAsync(0, cancellationToken);
    }

    public override void CancelPendingFlush()
    {
        Volatile.Write(ref _cancelPending, 1);
        connection.Writable.Signal();
    }

    /// <summary>Ends the output: what was written and not flushed goes out if the socket takes it now, then the connection shuts down.</summary>
    public override void Complete(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }

        if (_written > 0 && !_peerGone && !connection.Aborted)
        {
            SendSome(_buffer.AsSpan(0, _written));
        }

        _completed = true;
        Reset();
        connection.Shutdown();
    }

    private int Capacity => _buffer?.Length ?? 0;

    private byte[] Reserve(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var needed = _written + Math.Max(sizeHint, 1);
        if (_buffer is null || needed > _buffer.Length)
        {
            var larger = GC.AllocateUninitializedArray<byte>(Math.Max(needed, Math.Max(MinimumSize, Capacity * 2)));
            _buffer?.AsSpan(0, _written).CopyTo(larger);
            _buffer = larger;
        }

        return _buffer;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<FlushResult> SendRestAsync(int sent, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static c => ((EpollConnection)c!).Writable.Signal(), connection)
            : default;
        // Locals: an abort completing the output from another thread must not pull the buffer from under the send.
        var (buffer, written) = (_buffer!, _written);
        while (sent < written && !_peerGone && !_completed)
        {
            await connection.Writable.WaitAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (Volatile.Read(ref _cancelPending) != 0 && Interlocked.Exchange(ref _cancelPending, 0) != 0)
            {
                // The unsent rest stays gathered for the next flush.
                buffer.AsSpan(sent, written - sent).CopyTo(buffer);
                _written = written - sent;
                return new FlushResult(isCanceled: true, isCompleted: false);
            }

            sent += SendSome(buffer.AsSpan(sent, written - sent));
        }

        Reset();
        return new FlushResult(isCanceled: false, _peerGone);
    }

    /// <summary>Sends what the socket takes now (again after EINTR); marks the peer gone on an error or an abort.</summary>
    private int SendSome(ReadOnlySpan<byte> bytes)
    {
        var total = 0;
        while (total < bytes.Length)
        {
            if (connection.Aborted)
            {
                _peerGone = true;
                return total;
            }

            var sent = connection.Send(bytes[total..]);
            if (sent >= 0)
            {
                total += sent;
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EpollNative.EAgain)
            {
                return total;
            }

            if (errno != EpollNative.EIntr)
            {
                _peerGone = true;
                return total;
            }
        }

        return total;
    }

    /// <summary>Forgets what was sent; a buffer grown past the usual size is let go.</summary>
    private void Reset()
    {
        _written = 0;
        if (_completed || _buffer?.Length > MinimumSize)
        {
            _buffer = null;
        }
    }
}
