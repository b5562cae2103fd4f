using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Berth.Gateway.Proxy;

/// <summary>One TCP connection to an instance, on the client side's transport.</summary>
internal sealed class UpstreamConnection(ConnectionContext context, int shard)
{
    private int _closed;

    public PipeReader Input => context.Transport.Input;

    public PipeWriter Output => context.Transport.Output;

    /// <summary>The event loop the connection runs on (0 on Kestrel's sockets): the pool keeps it for clients of that loop.</summary>
    public int Shard => shard;

    /// <summary>When the connection went back to the pool (a TimeProvider timestamp).</summary>
    public long IdleSince { get; set; }

    /// <summary>
    /// True when the instance closed the connection or sent bytes nobody asked for while it sat idle: it must not
    /// carry a request. Kestrel's sockets read in the background, so both show up without a system call; the epoll input
    /// makes one `recv` only when an edge came while the connection sat idle.
    /// </summary>
    public bool IsBroken()
    {
        ReadResult result;
        try
        {
            if (!Input.TryRead(out result))
            {
                return false;
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // Reset while idle (or already torn down): broken, and the client's request must not pay for it.
            return true;
        }

        Input.AdvanceTo(result.Buffer.Start);
        return true;
    }

    /// <summary>Tears the connection down (no graceful close: whatever was in flight is abandoned); idempotent.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        context.Abort();
        _ = DisposeQuietlyAsync();
    }

    private async Task DisposeQuietlyAsync()
    {
        try
        {
            await context.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Disposal only releases the socket; a failure here has nobody left to tell.
        }
    }
}
