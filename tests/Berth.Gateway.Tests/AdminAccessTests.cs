using System.Net;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary>
/// Who may read <c>/metrics</c> and <c>/_berth/stats</c>: an admin client by its address only when no proxy stands
/// between (a reverse proxy on loopback would otherwise open them to everyone), or anyone with the admin token.
/// </summary>
public abstract class AdminAccessTests(GatewayTransport transport) : GatewaySuite(transport)
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("X-Forwarded-For: 203.0.113.7\r\n")]
    [InlineData("X-Forwarded-For: 127.0.0.1\r\n")]
    [InlineData("Forwarded: for=203.0.113.7\r\n")]
    [InlineData("X-Real-IP: 203.0.113.7\r\n")]
    public async Task Metrics_ThroughLocalProxy_NotFound(string headers)
    {
        await using var gateway = await StartGatewayAsync();

        var direct = await RawHttp.ExchangeAsync(gateway.Address, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", Ct);
        var proxied = await RawHttp.ExchangeAsync(gateway.Address, $"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n", Ct);

        Assert.StartsWith("HTTP/1.1 200 ", direct);
        Assert.StartsWith("HTTP/1.1 404 ", proxied);
    }

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("203.0.113.7", HttpStatusCode.NotFound)]
    [InlineData("127.0.0.1, 203.0.113.7", HttpStatusCode.NotFound)]
    public async Task Metrics_ThroughTrustedProxy_ForwardedClientDecides(string forwardedFor, HttpStatusCode expected)
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { TrustedProxies = ["127.0.0.2"], AdminClients = ["127.0.0.0/8"] });
        using var client = ClientFrom(gateway, IPAddress.Parse("127.0.0.2"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = "127.0.0.1";
        request.Headers.Add("X-Forwarded-For", forwardedFor);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Stats_WithAdminToken_ServedWhateverTheOrigin()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { AdminClients = ["192.0.2.1"], AdminToken = Token });

        var without = await RawHttp.ExchangeAsync(gateway.Address, "GET /_berth/stats/demo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", Ct);
        var wrong = await RawHttp.ExchangeAsync(gateway.Address, $"GET /_berth/stats/demo HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {Token[..^1]}x\r\nConnection: close\r\n\r\n", Ct);
        var with = await RawHttp.ExchangeAsync(
            gateway.Address, $"GET /_berth/stats/demo HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {Token}\r\nX-Forwarded-For: 203.0.113.7\r\nConnection: close\r\n\r\n", Ct);

        Assert.StartsWith("HTTP/1.1 404 ", without);
        Assert.StartsWith("HTTP/1.1 404 ", wrong);
        Assert.StartsWith("HTTP/1.1 200 ", with);
    }

    [Fact]
    public async Task Start_ShortAdminToken_Refused()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => StartGatewayAsync(new GatewayOptions { AdminToken = "short" }));

        Assert.Contains("AdminToken", error.Message);
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (a loopback address of its own: the proxy).</summary>
    private static HttpClient ClientFrom(GatewayHarness gateway, IPAddress source) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, token) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(IPAddress.Loopback, gateway.Address.Port, token);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = gateway.Address };
}
