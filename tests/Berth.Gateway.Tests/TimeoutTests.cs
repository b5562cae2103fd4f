using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary>
/// The proxy's deadlines (on each transport), set to a second; the watchdog checks them once a second, so each is
/// given plenty of time to pass: an instance that does not answer or stops mid-answer, a client that trickles its
/// head, stops sending its body, never reads, or stays idle, and a tunnel nobody uses.
/// </summary>
public abstract class TimeoutTests(GatewayTransport transport) : GatewaySuite(transport)
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    /// <summary>Well past a one-second deadline and the watchdog's tick, short of hanging a broken test for long.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Request_InstanceSlowerThanResponseTimeout_504AndOthersStillServed()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { ResponseTimeout = Short });
        await gateway.AddBackendsAsync("demo", Ct, "one");

        using var slow = await gateway.GetAsync("demo.localhost", "/slow", Ct);

        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        Assert.Contains("did not answer in time", await slow.Content.ReadAsStringAsync(Ct));
        Assert.Equal("one", await gateway.GetTextAsync("demo.localhost", "/", Ct));
    }

    [Fact]
    public async Task Request_HeadNotFinishedInTime_ConnectionClosedWithoutForwarding()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { RequestHeadersTimeout = Short });
        var backend = await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);

        var (answer, closed) = await RawHttp.ExchangeAsync(gateway.Address, "GET / HTTP/1.1\r\nHost: demo.localhost\r\n", Patience, Ct);

        Assert.True(closed, "the gateway kept a half-sent head open");
        Assert.Equal("", answer);
        Assert.Equal(0, backend.Requests);
    }

    [Fact]
    public async Task Request_ClientIdleLongerThanKeepAlive_ConnectionClosedAfterTheAnswer()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { KeepAliveTimeout = Short });
        await gateway.AddBackendsAsync("demo", Ct, "one");

        var (answer, closed) = await RawHttp.ExchangeAsync(gateway.Address, "GET / HTTP/1.1\r\nHost: demo.localhost\r\n\r\n", Patience, Ct);

        Assert.True(closed, "the gateway kept an idle connection past its keep-alive timeout");
        Assert.StartsWith("HTTP/1.1 200 ", answer);
        Assert.DoesNotContain("Connection: close", answer);
    }

    [Fact]
    public async Task Request_HeadTrickledByteByByte_ClosedAtHeadersTimeout()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { RequestHeadersTimeout = Short });
        var backend = await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);
        using var client = await ConnectAsync(gateway);
        var stream = client.GetStream();
        var closed = ClosedAsync(stream);

        // A byte every 100 ms keeps the connection busy but never finishes the head.
        var header = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: demo.localhost\r\nX-Slow: " + new string('a', 200));
        for (var i = 0; i < header.Length && !closed.IsCompleted; i++)
        {
            await WriteQuietlyAsync(stream, header.AsMemory(i, 1));
            await Task.WhenAny(closed, Task.Delay(100, Ct));
        }

        Assert.True(closed.IsCompleted, "the gateway kept a trickled head open");
        Assert.Equal(0, backend.Requests);
    }

    [Fact]
    public async Task Request_BodyStopsMidway_BothConnectionsClosed()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { TransferIdleTimeout = Short });
        var backend = await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);

        var (answer, closed) = await RawHttp.ExchangeAsync(
            gateway.Address, "POST /echo-length HTTP/1.1\r\nHost: demo.localhost\r\nContent-Length: 100\r\n\r\nonly ten..", Patience, Ct);

        Assert.True(closed, "the gateway kept a stalled body open");
        Assert.DoesNotContain("HTTP/1.1 200", answer);
        await Eventually.TrueAsync(() => backend.Aborted >= 1, Patience, Ct);
    }

    [Fact]
    public async Task Request_ClientNeverReads_BothConnectionsClosed()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { TransferIdleTimeout = Short });
        var backend = await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);
        using var client = await ConnectAsync(gateway);
        client.ReceiveBufferSize = 4096;

        await client.GetStream().WriteAsync("GET /endless HTTP/1.1\r\nHost: demo.localhost\r\n\r\n"u8.ToArray(), Ct);

        // The answer never ends and is never read: once the buffers are full nothing moves, and the gateway lets go.
        await Eventually.TrueAsync(() => backend.Aborted >= 1, Patience, Ct);
    }

    [Fact]
    public async Task Request_InstanceStopsMidAnswer_BothConnectionsClosed()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { TransferIdleTimeout = Short });
        await using var instance = RawBackend.Start("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
        await gateway.Registry.RegisterAsync("raw", "v1", "raw-1", instance.Address, Ct);
        await gateway.WaitForInstancesAsync("raw", 1, Ct);

        var (answer, closed) = await RawHttp.ExchangeAsync(gateway.Address, "GET / HTTP/1.1\r\nHost: raw.localhost\r\n\r\n", Patience, Ct);

        // The connection may be reset, so what arrived of the answer is not certain to be read.
        Assert.True(closed, "the gateway kept a stalled answer open");
        Assert.DoesNotContain("HTTP/1.1 50", answer);
        await Eventually.TrueAsync(() => instance.ClosedByGateway == 1, Patience, Ct);
    }

    [Fact]
    public async Task Request_IdleWebSocket_ClosedAfterTunnelIdleTimeout()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { TunnelIdleTimeout = Short });
        await gateway.AddBackendsAsync("demo", Ct, "one");
        using var socket = new ClientWebSocket();
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await tcp.ConnectAsync(IPAddress.Loopback, gateway.Address.Port, token);
                return new NetworkStream(tcp, ownsSocket: true);
            },
        });
        await socket.ConnectAsync(new Uri($"ws://demo.localhost:{gateway.Address.Port}/ws"), invoker, Ct);

        await socket.SendAsync("still here"u8.ToArray(), WebSocketMessageType.Text, true, Ct);
        var echo = await socket.ReceiveAsync(new byte[64], Ct);
        var receive = socket.ReceiveAsync(new byte[64], Ct);
        var finished = await Task.WhenAny(receive, Task.Delay(Patience, Ct));

        Assert.Equal(10, echo.Count);
        Assert.Same(receive, finished);
        await Assert.ThrowsAsync<WebSocketException>(() => receive);
    }

    [Fact]
    public async Task Start_ZeroTunnelIdleTimeout_Refused()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => StartGatewayAsync(new GatewayOptions { TunnelIdleTimeout = TimeSpan.Zero }));

        Assert.Contains("timeouts", error.Message);
    }

    private static async Task<TcpClient> ConnectAsync(GatewayHarness gateway)
    {
        var client = new TcpClient();
        await client.ConnectAsync(gateway.Address.Host, gateway.Address.Port, Ct);
        return client;
    }

    /// <summary>Completes when the gateway closes the connection (end of stream or reset).</summary>
    private static async Task ClosedAsync(NetworkStream stream)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, Ct) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Reset: closed all the same.
        }
    }

    private static async Task WriteQuietlyAsync(NetworkStream stream, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await stream.WriteAsync(bytes, Ct);
        }
        catch (IOException)
        {
            // The gateway closed the connection meanwhile; the caller sees it.
        }
    }
}
