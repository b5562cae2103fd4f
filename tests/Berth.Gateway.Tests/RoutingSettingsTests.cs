using System.Net;
using Berth.Core.Gateway;
using Berth.Discovery.Gateway;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary>Gateway settings published in discovery, applied to real traffic: domains, blacklists, splits, active versions.</summary>
public abstract class RoutingSettingsTests(GatewayTransport transport) : GatewaySuite(transport)
{
    [Fact]
    public async Task Request_CustomDomain_RoutesToItsAppUntilRemoved()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("shop", "one", Ct);
        await gateway.PutAsync(GatewayKeys.Domain("www.example.com"), "shop", Ct);

        Assert.Equal("one", await gateway.GetTextAsync("www.example.com", "/", Ct));
        Assert.Equal("one", await gateway.GetTextAsync("WWW.EXAMPLE.COM:8080", "/", Ct));

        await gateway.DeleteAsync(GatewayKeys.Domain("www.example.com"), Ct);
        Assert.Equal("[404]", await gateway.GetTextAsync("www.example.com", "/", Ct));
    }

    [Fact]
    public async Task Request_AppBlacklistHasClient_403ForThatAppOnly()
    {
        await using var gateway = await StartGatewayAsync();
        var blocked = await gateway.AddBackendAsync("blocked", "b", Ct);
        await gateway.AddBackendAsync("open", "o", Ct);
        await gateway.PutAsync(GatewayKeys.Blacklist("blocked"), GatewaySettingsPublisher.Serialize(["10.0.0.0/8", "127.0.0.1"]), Ct);

        Assert.Equal("[403]", await gateway.GetTextAsync("blocked.localhost", "/", Ct));
        Assert.Equal("o", await gateway.GetTextAsync("open.localhost", "/", Ct));
        Assert.Equal(0, blocked.Requests);

        await gateway.DeleteAsync(GatewayKeys.Blacklist("blocked"), Ct);
        Assert.Equal("b", await gateway.GetTextAsync("blocked.localhost", "/", Ct));
    }

    [Fact]
    public async Task Request_GlobalBlacklist_403Everywhere()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);

        await gateway.Store.PutAsync(GatewayKeys.Blacklist(null), GatewaySettingsPublisher.Serialize(["127.0.0.0/8"]), Ct);
        var elapsed = await Eventually.TrueAsync(async () => await gateway.GetTextAsync("demo.localhost", "/", Ct) == "[403]", TimeSpan.FromMinutes(1), Ct);

        // The design target is under a second; printed, not asserted, as a busy test machine stalls for seconds.
        TestContext.Current.TestOutputHelper?.WriteLine($"403 after {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal("[403]", await gateway.GetTextAsync("nope.localhost", "/", Ct));
    }

    [Fact]
    public async Task Request_FromTrustedProxy_BlacklistAppliesToForwardedClient()
    {
        await using var gateway = await StartBlacklistingAsync(new GatewayOptions { TrustedProxies = ["127.0.0.0/8"] });

        Assert.Equal(HttpStatusCode.Forbidden, (await SendForwardedAsync(gateway, "203.0.113.7", "/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendForwardedAsync(gateway, "203.0.113.7, 127.0.0.5", "/")).StatusCode);
        var allowed = await SendForwardedAsync(gateway, "198.51.100.1", "/headers");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("X-Forwarded-For: 198.51.100.1, 127.0.0.1\n", await allowed.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("203.0.113.7:5555")]
    [InlineData("198.51.100.1, 203.0.113.7:443")]
    [InlineData("[::ffff:203.0.113.7]:443")]
    [InlineData("203.0.113.7, 127.0.0.9:8080")]
    public async Task Request_FromTrustedProxy_ForwardedForWithPorts_BlacklistApplies(string forwardedFor)
    {
        await using var gateway = await StartBlacklistingAsync(new GatewayOptions { TrustedProxies = ["127.0.0.0/8"] });

        Assert.Equal(HttpStatusCode.Forbidden, (await SendForwardedAsync(gateway, forwardedFor, "/")).StatusCode);
    }

    [Fact]
    public async Task Request_FromTrustedProxy_ForwardedForPaddedPastTwoKilobytes_BlacklistStillApplies()
    {
        await using var gateway = await StartBlacklistingAsync(new GatewayOptions { TrustedProxies = ["127.0.0.0/8"] });
        var padding = string.Join(", ", Enumerable.Repeat("198.51.100.1", 400));

        var response = await SendForwardedAsync(gateway, $"{padding}, 203.0.113.7", "/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For: garbage\r\n")]
    [InlineData("X-Forwarded-For: 203.0.113.7 garbage\r\n")]
    [InlineData("X-Forwarded-For: unknown, 127.0.0.9\r\n")]
    [InlineData("X-Forwarded-For: 127.1\r\n")]
    [InlineData("X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-For: 198.51.100.1\r\n")]
    public async Task Request_FromTrustedProxy_ForwardedForUnreadable_400(string headers)
    {
        await using var gateway = await StartBlacklistingAsync(new GatewayOptions { TrustedProxies = ["127.0.0.0/8"] });

        var answer = await RawHttp.ExchangeAsync(gateway.Address, $"GET / HTTP/1.1\r\nHost: demo.localhost\r\n{headers}Connection: close\r\n\r\n", Ct);

        Assert.StartsWith("HTTP/1.1 400 ", answer);
    }

    [Fact]
    public async Task Request_ClientForwardedAndRealIp_NotPassedToApp()
    {
        await using var gateway = await StartBlacklistingAsync(new GatewayOptions());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/headers");
        request.Headers.Host = "demo.localhost";
        request.Headers.Add("Forwarded", "for=198.51.100.1");
        request.Headers.Add("X-Real-IP", "198.51.100.1");

        using var response = await gateway.Client.SendAsync(request, Ct);
        var headers = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("Forwarded: \n", headers);
        Assert.Contains("X-Real-IP: \n", headers);
        Assert.Contains("X-Forwarded-For: 127.0.0.1\n", headers);
    }

    [Fact]
    public async Task Request_ForwardedForFromUntrustedPeer_Ignored()
    {
        await using var gateway = await StartBlacklistingAsync(new GatewayOptions());

        var response = await SendForwardedAsync(gateway, "203.0.113.7", "/headers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("X-Forwarded-For: 127.0.0.1\n", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Request_SplitNinetyTen_ThousandRequestsSplitExactly()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("demo", "old", Ct, version: "v1");
        await gateway.AddBackendAsync("demo", "new", Ct, version: "v2");
        await gateway.PutAsync(GatewayKeys.Active("demo"), "v1", Ct);
        var split = new TrafficPolicy { Weights = new Dictionary<string, int> { ["v1"] = 90, ["v2"] = 10 } };
        await gateway.PutAsync(GatewayKeys.Traffic("demo"), GatewaySettingsPublisher.Serialize(split), Ct);

        var answers = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            answers.Add(await gateway.GetTextAsync("demo.localhost", "/", Ct));
        }

        Assert.Equal(900, answers.Count(a => a == "old"));
        Assert.Equal(100, answers.Count(a => a == "new"));
    }

    [Fact]
    public async Task Request_ActiveVersionPublished_OnlyItServesUntilCleared()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("demo", "old", Ct, version: "v1");
        await gateway.AddBackendAsync("demo", "new", Ct, version: "v2");
        await gateway.PutAsync(GatewayKeys.Active("demo"), "v2", Ct);

        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await gateway.GetTextAsync("demo.localhost", "/", Ct));
        }

        Assert.All(answers, a => Assert.Equal("new", a));
    }

    /// <summary>A gateway with app demo whose blacklist holds 203.0.113.7.</summary>
    private async Task<GatewayHarness> StartBlacklistingAsync(GatewayOptions options)
    {
        var gateway = await StartGatewayAsync(options);
        await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.PutAsync(GatewayKeys.Blacklist("demo"), GatewaySettingsPublisher.Serialize(["203.0.113.7"]), Ct);
        return gateway;
    }

    private static async Task<HttpResponseMessage> SendForwardedAsync(GatewayHarness gateway, string forwardedFor, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "demo.localhost";
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await gateway.Client.SendAsync(request, Ct);
    }
}
