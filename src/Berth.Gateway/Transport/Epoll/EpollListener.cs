using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>
/// A listening socket whose accepted connections run on the epoll loops. Accepting goes through .NET's own socket
/// (once per connection, not per request); an accepted socket is never used asynchronously by .NET, so it is only
/// ever registered with our epoll.
/// </summary>
internal sealed class EpollListener(Socket listener, EpollLoops loops) : IConnectionListener
{
    public EndPoint EndPoint { get; } = listener.LocalEndPoint!;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                // Unbound: Kestrel takes null as "no more connections".
                return null;
            }
            catch (SocketException)
            {
                // The peer reset before we took it; wait for the next one, as Kestrel's socket listener does.
                continue;
            }

            socket.NoDelay = true;
            socket.Blocking = false;
            var connection = new EpollConnection(socket, loops.Next(), socket.LocalEndPoint, socket.RemoteEndPoint);
            return connection;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        listener.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
