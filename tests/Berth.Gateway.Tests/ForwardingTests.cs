using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary>The HTTP/1.1 relay against a real Kestrel instance: framing, connections, upgrades, refusals (on each transport).</summary>
public abstract class ForwardingTests(GatewayTransport transport) : GatewaySuite(transport)
{
    [Fact]
    public async Task Request_ChunkedBothWays_RelayedIntact()
    {
        await using var gateway = await StartAsync();
        var body = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{i},"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = new StringContent(body) };
        request.Headers.Host = "demo.localhost";
        request.Headers.TransferEncodingChunked = true;

        using var echo = await gateway.Client.SendAsync(request, Ct);
        var streamed = await gateway.GetTextAsync("demo.localhost", "/chunked", Ct);

        Assert.Equal(body, await echo.Content.ReadAsStringAsync(Ct));
        Assert.Equal("chunk0;chunk1;chunk2;", streamed);
    }

    [Fact]
    public async Task Request_FixedLengthBothWays_RelayedIntact()
    {
        await using var gateway = await StartAsync();
        // Past the socket buffers, so the relay waits for room on both sides.
        var body = new string('b', 4 * 1024 * 1024);

        using var response = await gateway.SendAsync(HttpMethod.Post, "demo.localhost", "/echo-length", Ct, new StringContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"length {body.Length}", Assert.Single(response.Headers.GetValues("X-Request-Framing")));
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Request_ManyOverOneClientConnection_OneUpstreamConnection()
    {
        await using var gateway = await StartAsync();
        var backend = gateway.Backends[0];
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false }) { BaseAddress = gateway.Address };

        for (var i = 0; i < 50; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "demo.localhost" } };
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal("one", await response.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal(50, backend.Requests);
        Assert.Equal(1, backend.Connections);
    }

    [Fact]
    public async Task Request_WebSocket_MessagesEchoedThroughTunnel()
    {
        await using var gateway = await StartAsync();
        using var socket = new ClientWebSocket();
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            // demo.localhost need not resolve: every connection goes to the gateway.
            ConnectCallback = async (_, token) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await tcp.ConnectAsync(IPAddress.Loopback, gateway.Address.Port, token);
                return new NetworkStream(tcp, ownsSocket: true);
            },
        });

        await socket.ConnectAsync(new Uri($"ws://demo.localhost:{gateway.Address.Port}/ws"), invoker, Ct);
        var answers = new List<string>();
        foreach (var message in new[] { "hello", "berth" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, Ct);
            var buffer = new byte[64];
            var received = await socket.ReceiveAsync(buffer, Ct);
            answers.Add(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);

        Assert.Equal(["hello", "berth"], answers);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task Request_ExpectContinue_BodyDelivered()
    {
        await using var gateway = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/echo") { Content = new StringContent("payload") };
        request.Headers.Host = "demo.localhost";
        request.Headers.ExpectContinue = true;

        using var response = await gateway.Client.SendAsync(request, Ct);

        Assert.Equal("payload", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Request_Http10_AnsweredThenClosed()
    {
        await using var gateway = await StartAsync();

        var answer = await RawHttp.ExchangeAsync(gateway.Address, "GET / HTTP/1.0\r\nHost: demo.localhost\r\n\r\n", Ct);

        Assert.StartsWith("HTTP/1.1 200", answer);
        Assert.Contains("\r\nConnection: close\r\n", answer);
        Assert.EndsWith("\r\n\r\none", answer);
    }

    [Fact]
    public async Task Request_Pipelined_AnsweredInOrder()
    {
        await using var gateway = await StartAsync();

        var answer = await RawHttp.ExchangeAsync(
            gateway.Address,
            "GET /a HTTP/1.1\r\nHost: demo.localhost\r\n\r\nHEAD /b HTTP/1.1\r\nHost: demo.localhost\r\n\r\nGET /c HTTP/1.1\r\nHost: demo.localhost\r\nConnection: close\r\n\r\n",
            Ct);

        Assert.Equal(3, answer.Split("HTTP/1.1 200").Length - 1);
        // Kestrel chunks these bodies; the HEAD answer has none.
        Assert.Equal(2, answer.Split("\r\n\r\n3\r\none\r\n0\r\n\r\n").Length - 1);
        Assert.EndsWith("0\r\n\r\n", answer);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: demo.localhost\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: demo.localhost\r\nTransfer-Encoding: gzip\r\n\r\n", 501)]
    [InlineData("GET / HTTP/3\r\nHost: demo.localhost\r\n\r\n", 505)]
    [InlineData("POST / HTTP/1.0\r\nHost: demo.localhost\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400)]
    public async Task Request_Unsafe_RefusedAndClosed(string request, int status)
    {
        await using var gateway = await StartAsync();

        var answer = await RawHttp.ExchangeAsync(gateway.Address, request, Ct);

        Assert.StartsWith($"HTTP/1.1 {status} ", answer);
        Assert.Contains("\r\nConnection: close\r\n", answer);
        Assert.Equal(0, gateway.Backends[0].Requests);
    }

    [Fact]
    public async Task Request_ChunkedTrailerWithBareLf_400AndNothingSmuggled()
    {
        await using var gateway = await StartAsync();

        var answer = await RawHttp.ExchangeAsync(
            gateway.Address,
            "POST /echo HTTP/1.1\r\nHost: demo.localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX: a\nGET /smuggled HTTP/1.1\r\nHost: demo.localhost\r\n\r\n",
            Ct);

        Assert.StartsWith("HTTP/1.1 400 ", answer);
        Assert.Contains("The chunked request body is malformed", answer);
        Assert.DoesNotContain("/smuggled", gateway.Backends[0].Paths);
    }

    [Fact]
    public async Task Request_ChunkedWithTrailers_InstanceConnectionNotReused()
    {
        await using var gateway = await StartAsync();

        var answer = await RawHttp.ExchangeAsync(
            gateway.Address,
            "POST /echo-length HTTP/1.1\r\nHost: demo.localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Checksum: 1\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: demo.localhost\r\nConnection: close\r\n\r\n",
            Ct);

        Assert.Equal(2, answer.Split("HTTP/1.1 200").Length - 1);
        Assert.Contains("\r\n\r\nhello", answer);
        Assert.Equal(2, gateway.Backends[0].Connections);
    }

    [Fact]
    public async Task Request_SwitchNobodyAskedFor_502()
    {
        await using var gateway = await StartGatewayAsync();
        await using var instance = RawBackend.Start("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: raw\r\n\r\nhello");
        await RegisterAsync(gateway, instance);

        var answer = await RawHttp.ExchangeAsync(gateway.Address, "GET / HTTP/1.1\r\nHost: raw.localhost\r\n\r\n", Ct);

        Assert.StartsWith("HTTP/1.1 502 ", answer);
        Assert.DoesNotContain("hello", answer);
    }

    [Fact]
    public async Task Request_InterimAnswersPastTheCap_502()
    {
        await using var gateway = await StartGatewayAsync();
        var interims = string.Concat(Enumerable.Repeat("HTTP/1.1 102 Processing\r\n\r\n", 20));
        await using var instance = RawBackend.Start(interims + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        await RegisterAsync(gateway, instance);

        var answer = await RawHttp.ExchangeAsync(gateway.Address, "GET / HTTP/1.1\r\nHost: raw.localhost\r\nConnection: close\r\n\r\n", Ct);

        Assert.Contains("HTTP/1.1 502 ", answer);
        Assert.DoesNotContain("HTTP/1.1 200 ", answer);
    }

    [Fact]
    public async Task Request_HeadTooLarge_431()
    {
        await using var gateway = await StartAsync();

        var answer = await RawHttp.ExchangeAsync(gateway.Address, $"GET / HTTP/1.1\r\nHost: demo.localhost\r\nX-Big: {new string('a', 40_000)}\r\n\r\n", Ct);

        Assert.StartsWith("HTTP/1.1 431 ", answer);
    }

    private static async Task RegisterAsync(GatewayHarness gateway, RawBackend instance)
    {
        await gateway.Registry.RegisterAsync("raw", "v1", "raw-1", instance.Address, Ct);
        await gateway.WaitForInstancesAsync("raw", 1, Ct);
    }

    private async Task<BackendGateway> StartAsync()
    {
        var gateway = await StartGatewayAsync();
        var backend = await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);
        return new BackendGateway(gateway, [backend]);
    }
}
