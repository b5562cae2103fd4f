using System.Buffers;
using System.Runtime.InteropServices;

namespace Berth.Gateway.Transport.Epoll;

internal sealed partial class EpollConnection
{
    private async Task SendAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled || _aborted)
                {
                    return;
                }

                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    if (!await SendAllAsync(segment).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            // Like Kestrel: once output ends (the application completed it, or the peer stopped taking bytes) the
            // connection is over; the shutdown also wakes the receive loop.
            await reader.CompleteAsync().ConfigureAwait(false);
            ShutdownSocket();
        }
    }

    /// <summary>Sends one segment whole, waiting for EPOLLOUT when the socket is full; false on error or abort.</summary>
    private async ValueTask<bool> SendAllAsync(ReadOnlyMemory<byte> segment)
    {
        while (!segment.IsEmpty)
        {
            var sent = Send(segment.Span);
            if (sent >= 0)
            {
                segment = segment[sent..];
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EpollNative.EAgain)
            {
                await Writable.WaitAsync().ConfigureAwait(false);
                if (_aborted)
                {
                    return false;
                }
            }
            else if (errno != EpollNative.EIntr)
            {
                return false;
            }
        }

        return true;
    }

    private unsafe int Send(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            return (int)EpollNative.Send(_fd, p, (nuint)bytes.Length, EpollNative.MsgNoSignal);
        }
    }
}
