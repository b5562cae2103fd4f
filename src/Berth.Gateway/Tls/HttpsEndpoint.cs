using Berth.Gateway.Proxy;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Gateway.Tls;

/// <summary>
/// The HTTPS listener: Kestrel's TLS (SslStream) with the certificate picked by SNI, then by ALPN either the gateway's
/// own HTTP/1.1 proxy (the same session as plain HTTP, over the decrypted stream) or Kestrel's HTTP/2 with the
/// <see cref="Http2.StreamForwarder"/> as its only request handler.
/// </summary>
internal static class HttpsEndpoint
{
    /// <summary>How long a client may take to finish its handshake.</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    public static void Configure(ListenOptions listen)
    {
        var services = listen.ApplicationServices;
        var certificates = services.GetRequiredService<CertificateSelector>();
        var handler = services.GetRequiredService<GatewayConnectionHandler>();
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = context => ValueTask.FromResult(certificates.Select(context.ClientHelloInfo.ServerName)),
            HandshakeTimeout = HandshakeTimeout,
        });

        // Past this point the handshake is done; what follows it is Kestrel's HTTP server (added last by Kestrel).
        listen.Use(next => connection => IsHttp2(connection) ? ServeHttp2(next, connection) : handler.OnSecureConnectedAsync(connection));
    }

    private static Task ServeHttp2(ConnectionDelegate http, ConnectionContext connection)
    {
        // The streams' instance connections stay on the client connection's event loop, as HTTP/1.1 ones do.
        connection.Items[Http2.StreamForwarder.ShardKey] = UpstreamConnector.ShardOf(connection);
        return http(connection);
    }

    private static bool IsHttp2(ConnectionContext connection) =>
        connection.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol.Span.SequenceEqual("h2"u8) == true;
}
