using Microsoft.AspNetCore.Connections;

namespace Berth.Gateway.Proxy;

/// <summary>
/// Takes over Kestrel connections at the transport level: the gateway speaks HTTP/1.1 itself (see
/// <see cref="ClientSession"/>) instead of going through ASP.NET Core's request pipeline and an HttpClient, which
/// measured well short of nginx on the proxy path.
/// </summary>
internal sealed class GatewayConnectionHandler(ProxyServices services) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) => new ClientSession(connection, services).RunAsync();
}
