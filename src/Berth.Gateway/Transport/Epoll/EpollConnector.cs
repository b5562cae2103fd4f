using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>Opens connections to instances on the epoll loops: a non-blocking connect, completed by the socket's first EPOLLOUT.</summary>
internal static class EpollConnector
{
    /// <summary>Connects with Nagle off, on loop <paramref name="loop"/>; throws <see cref="SocketException"/> when refused, or <see cref="OperationCanceledException"/>.</summary>
    public static async ValueTask<ConnectionContext> ConnectAsync(EpollLoops loops, int loop, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
        var pending = false;
        try
        {
            socket.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            pending = true;
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new EpollConnection(socket, loops.At(loop), null, endPoint);
        try
        {
            if (pending)
            {
                // The cancellation wakes the wait too; either way the socket's own error says how the connect went.
                using (cancellationToken.UnsafeRegister(static c => ((EpollConnection)c!).Writable.Signal(), connection))
                {
                    await connection.Writable.WaitAsync().ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                var error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                if (error != 0)
                {
                    throw new SocketException(error);
                }
            }
        }
        catch
        {
            connection.Close();
            throw;
        }

        return connection;
    }
}
