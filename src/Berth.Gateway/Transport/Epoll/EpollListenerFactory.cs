using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>Kestrel's transport for the client side when <see cref="GatewayOptions.Transport"/> is epoll: Kestrel still binds endpoints, limits connections and shuts down.</summary>
internal sealed class EpollListenerFactory(EpollLoops loops) : IConnectionListenerFactory
{
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not IPEndPoint ip)
        {
            throw new NotSupportedException($"The epoll transport listens on IP endpoints only, not {endpoint}.");
        }

        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(ip);
            socket.Listen(512);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new AddressInUseException(e.Message, e);
        }

        return ValueTask.FromResult<IConnectionListener>(new EpollListener(socket, loops));
    }
}
