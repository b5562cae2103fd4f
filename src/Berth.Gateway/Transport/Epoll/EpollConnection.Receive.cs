using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;

namespace Berth.Gateway.Transport.Epoll;

internal sealed partial class EpollConnection
{
    private async Task ReceiveAsync()
    {
        Exception? error = null;
        var writer = _input.Writer;
        try
        {
            while (true)
            {
                await Readable.WaitAsync().ConfigureAwait(false);
                while (true)
                {
                    if (_aborted)
                    {
                        return;
                    }

                    var memory = writer.GetMemory();
                    var received = Receive(memory.Span);
                    if (received > 0)
                    {
                        writer.Advance(received);
                        if ((await writer.FlushAsync().ConfigureAwait(false)).IsCompleted)
                        {
                            return;
                        }

                        if (received < memory.Length && !HungUp)
                        {
                            // A short read drained the socket: the next bytes come with the next edge.
                            break;
                        }
                    }
                    else if (received == 0)
                    {
                        return;
                    }
                    else
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (errno == EpollNative.EAgain)
                        {
                            break;
                        }

                        if (errno != EpollNative.EIntr)
                        {
                            error = new ConnectionResetException($"recv failed: errno {errno}");
                            return;
                        }
                    }
                }
            }
        }
        finally
        {
            await writer.CompleteAsync(_aborted ? new ConnectionAbortedException() : error).ConfigureAwait(false);
            FireClosed();
        }
    }

    private unsafe int Receive(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            return (int)EpollNative.Recv(_fd, p, (nuint)buffer.Length, 0);
        }
    }
}
