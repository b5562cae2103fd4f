using System.Net;
using System.Net.Sockets;
using Berth.Gateway.Transport.Epoll;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace Berth.Gateway.Proxy;

/// <summary>Opens connections to instances, on the same transport as the client side (Kestrel's sockets, or the epoll loops).</summary>
internal sealed class UpstreamConnector : IDisposable
{
    private readonly SocketConnectionContextFactory _factory;
    private readonly EpollLoops? _epoll;
    private readonly TimeSpan _connectTimeout;

    public UpstreamConnector(TimeSpan connectTimeout, bool inlineScheduling, EpollLoops? epoll, ILoggerFactory loggers)
    {
        _connectTimeout = connectTimeout;
        _epoll = epoll;
        _factory = new SocketConnectionContextFactory(
            new SocketConnectionFactoryOptions { UnsafePreferInlineScheduling = inlineScheduling }, loggers.CreateLogger<UpstreamConnector>());
    }

    /// <summary>The pool shard for requests of <paramref name="client"/>: its event loop, or 0 on Kestrel's sockets.</summary>
    public static int ShardOf(ConnectionContext client) => client is EpollConnection epoll ? epoll.LoopIndex : 0;

    /// <summary>
    /// Connects with Nagle off (requests are written whole), on the event loop <paramref name="shard"/> names; throws
    /// <see cref="SocketException"/> or a timeout.
    /// </summary>
    public async ValueTask<UpstreamConnection> ConnectAsync(IPEndPoint endPoint, int shard, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_connectTimeout);
        if (_epoll is not null)
        {
            return new UpstreamConnection(await EpollConnector.ConnectAsync(_epoll, shard, endPoint, timeout.Token).ConfigureAwait(false), shard);
        }

        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new UpstreamConnection(_factory.Create(socket), 0);
    }

    public void Dispose() => _factory.Dispose();
}
