using Microsoft.AspNetCore.Connections;

namespace Berth.Gateway.Proxy;

/// <summary>
/// Takes over Kestrel connections at the transport level: the gateway speaks HTTP/1.1 itself (see
/// <see cref="ClientSession"/>) instead of going through ASP.NET Core's request pipeline and an HttpClient, which
/// measured well short of nginx on the proxy path.
/// </summary>
internal sealed class GatewayConnectionHandler(ProxyServices services) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) => Serve(connection, secure: false);

    /// <summary>A connection whose TLS handshake is done (HTTP/1.1 negotiated, or no ALPN): served as plain ones are.</summary>
    public Task OnSecureConnectedAsync(ConnectionContext connection) => Serve(connection, secure: true);

    private Task Serve(ConnectionContext connection, bool secure)
    {
        // Kestrel's execution context (logging scopes and the like) would otherwise be captured by every await of the
        // session and restored around every continuation; the session needs none of it.
        if (ExecutionContext.IsFlowSuppressed())
        {
            return new ClientSession(connection, services, secure).RunAsync();
        }

        using (ExecutionContext.SuppressFlow())
        {
            return new ClientSession(connection, services, secure).RunAsync();
        }
    }
}
