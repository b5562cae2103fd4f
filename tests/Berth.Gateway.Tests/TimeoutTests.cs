using System.Net;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary>
/// The proxy's deadlines (on each transport), set to a second; the watchdog checks them once a second, so each is
/// given plenty of time to pass: an instance that does not answer, a client that trickles its head or stays idle.
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
}
