using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary>Instances that fail at the connection level: one retry elsewhere, then a back-off until discovery lists them again.</summary>
public abstract class PassiveHealthTests(GatewayTransport transport) : GatewaySuite(transport)
{
    [Fact]
    public async Task Request_InstanceRefusesConnections_EveryRequestAnsweredByTheOther()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.Registry.RegisterAsync("demo", "v1", "dead", $"127.0.0.1:{GatewayHarness.ClosedPort()}", Ct);
        var live = await gateway.AddBackendAsync("demo", "live", Ct);
        await gateway.WaitForInstancesAsync("demo", 2, Ct);

        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await gateway.GetTextAsync("demo.localhost", "/", Ct));
        }

        using var post = await gateway.SendAsync(HttpMethod.Post, "demo.localhost", "/echo", Ct, new StringContent("kept"));

        Assert.All(answers, a => Assert.Equal("live", a));
        Assert.Equal("kept", await post.Content.ReadAsStringAsync(Ct));
        Assert.Equal(21, live.Requests);
        Assert.True(gateway.Updater.Current.TryGetRoute("demo", out var route));
        Assert.False(route.Destinations.Single(d => d.Key.EndsWith("/dead", StringComparison.Ordinal)).IsAvailable(TimeProvider.System.GetTimestamp()));
    }

    [Fact]
    public async Task Request_InstanceStoppedWithPooledConnections_EveryRequestAnsweredByTheOther()
    {
        await using var gateway = await StartGatewayAsync();
        var doomed = await gateway.AddBackendAsync("demo", "doomed", Ct);
        await gateway.AddBackendAsync("demo", "live", Ct);
        await gateway.WaitForInstancesAsync("demo", 2, Ct);
        await gateway.SendAnsweredAsync("demo.localhost", 10, Ct);

        // The gateway holds idle connections to it, which the stop closes; then its port refuses.
        await doomed.StopAsync(Ct);
        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await gateway.GetTextAsync("demo.localhost", "/", Ct));
        }

        Assert.All(answers, a => Assert.Equal("live", a));
    }

    [Fact]
    public async Task Request_InstanceDropsConnections_IdempotentRetriedElsewhere()
    {
        await using var gateway = await StartGatewayAsync();
        using var dropper = StartDropper();
        await gateway.Registry.RegisterAsync("demo", "v1", "dropper", dropper.LocalEndpoint.ToString()!, Ct);
        await gateway.AddBackendAsync("demo", "live", Ct);
        await gateway.WaitForInstancesAsync("demo", 2, Ct);

        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await gateway.GetTextAsync("demo.localhost", "/", Ct));
        }

        Assert.All(answers, a => Assert.Equal("live", a));
    }

    [Fact]
    public async Task Request_PostWithBodyToDroppingInstance_502NotRetried()
    {
        await using var gateway = await StartGatewayAsync();
        using var dropper = StartDropper();
        await gateway.Registry.RegisterAsync("demo", "v1", "dropper", dropper.LocalEndpoint.ToString()!, Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);

        using var response = await gateway.SendAsync(HttpMethod.Post, "demo.localhost", "/", Ct, new StringContent("once"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Request_OnlyInstanceBackedOff_503UntilListedAgain()
    {
        await using var gateway = await StartGatewayAsync(new GatewayOptions { PassiveHealthBackoff = TimeSpan.FromMinutes(5) });
        var port = GatewayHarness.ClosedPort();
        await gateway.Registry.RegisterAsync("demo", "v1", "a", $"127.0.0.1:{port}", Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);

        Assert.Equal("[502]", await gateway.GetTextAsync("demo.localhost", "/", Ct));
        using var backedOff = await gateway.GetAsync("demo.localhost", "/", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, backedOff.StatusCode);
        Assert.NotNull(backedOff.Headers.RetryAfter);

        var backend = await gateway.StartBackendAsync("back", Ct);
        await gateway.PutAsync(Berth.Core.Discovery.ServiceKeys.Address("demo", "v1", "a"), backend.Address, Ct);
        Assert.Equal("back", await gateway.GetTextAsync("demo.localhost", "/", Ct));
    }

    /// <summary>Accepts connections and closes them at once, like a port whose container just died behind docker-proxy.</summary>
    [Fact]
    public async Task Request_PooledConnectionResetWhileIdle_AnsweredOnANewOne()
    {
        await using var gateway = await StartGatewayAsync();
        using var resetter = StartResetter();
        await gateway.Registry.RegisterAsync("demo", "v1", "resetter", resetter.LocalEndpoint.ToString()!, Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);
        using var client = new TcpClient();
        await client.ConnectAsync(gateway.Address.Host, gateway.Address.Port, Ct);
        var stream = client.GetStream();
        const string Request = "GET / HTTP/1.1\r\nHost: demo.localhost\r\n\r\n";

        await stream.WriteAsync(Encoding.ASCII.GetBytes(Request), Ct);
        Assert.StartsWith("HTTP/1.1 200", await ReadAnswerAsync(stream));
        await Task.Delay(500, Ct); // the instance resets the connection the gateway keeps for it
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Request), Ct);

        // The same client connection gets its answer: the reset connection is dropped from the pool, not the client.
        Assert.StartsWith("HTTP/1.1 200", await ReadAnswerAsync(stream));
    }

    /// <summary>Reads one answer whose body is the resetter's "reset".</summary>
    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        var answer = new StringBuilder();
        var buffer = new byte[1024];
        while (!answer.ToString().EndsWith("\r\n\r\nreset", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            Assert.True(read > 0, $"the gateway closed the client's connection after: {answer}");
            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }

    /// <summary>An instance that answers one request per connection, keeps it open a moment, then resets it.</summary>
    private static TcpListener StartResetter()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync();
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        {
                            var stream = client.GetStream();
                            var head = new StringBuilder();
                            var buffer = new byte[1024];
                            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                            {
                                var read = await stream.ReadAsync(buffer);
                                if (read == 0)
                                {
                                    return;
                                }

                                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                            }

                            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nreset"u8.ToArray());
                            await Task.Delay(100);
                            client.Client.LingerState = new LingerOption(true, 0);
                            client.Client.Close(0); // a reset: disposing alone shuts down (a FIN) first
                        }
                    });
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener was stopped.
            }
        });
        return listener;
    }

    private static TcpListener StartDropper()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    client.Client.LingerState = new LingerOption(true, 0);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener was stopped.
            }
        });
        return listener;
    }
}
