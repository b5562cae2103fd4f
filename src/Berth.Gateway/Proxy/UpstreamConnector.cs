using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace Berth.Gateway.Proxy;

/// <summary>Opens connections to instances, wrapped in Kestrel's socket transport like the client side.</summary>
internal sealed class UpstreamConnector : IDisposable
{
    private readonly SocketConnectionContextFactory _factory;
    private readonly TimeSpan _connectTimeout;

    public UpstreamConnector(TimeSpan connectTimeout, bool inlineScheduling, ILoggerFactory loggers)
    {
        _connectTimeout = connectTimeout;
        _factory = new SocketConnectionContextFactory(
            new SocketConnectionFactoryOptions { UnsafePreferInlineScheduling = inlineScheduling }, loggers.CreateLogger<UpstreamConnector>());
    }

    /// <summary>Connects with Nagle off (requests are written whole); throws <see cref="SocketException"/> or a timeout.</summary>
    public async ValueTask<UpstreamConnection> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_connectTimeout);
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new UpstreamConnection(_factory.Create(socket));
    }

    public void Dispose() => _factory.Dispose();
}
