using System.Net;
using System.Text.Json;
using Berth.Gateway.Tests.Support;
using Berth.Gateway.Transport.Epoll;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Gateway.Tests;

/// <summary>Routing and local answers of a whole gateway (on each transport): balancing, 404, 503, 502, health.</summary>
public abstract class GatewayAppTests(GatewayTransport transport) : GatewaySuite(transport)
{
    [Fact]
    public async Task Start_Transport_ListensWithIt()
    {
        Assert.SkipWhen(Transport == GatewayTransport.Epoll && !EpollTransport.IsSupported, "epoll runs on Linux x64 only");
        await using var gateway = await StartGatewayAsync();

        // Kestrel binds with the last listener factory registered.
        var listener = gateway.Services.GetRequiredService<IConnectionListenerFactory>();

        Assert.Equal(Transport == GatewayTransport.Epoll, listener is EpollListenerFactory);
    }

    [Fact]
    public async Task Request_TwoInstances_AlternatesRoundRobin()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.AddBackendAsync("demo", "two", Ct);
        await WaitForInstancesAsync(gateway, "demo", 2);

        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await gateway.GetAsync("demo.localhost", "/", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal(5, answers.Count(a => a == "one"));
        Assert.Equal(5, answers.Count(a => a == "two"));
        Assert.All(answers.Zip(answers.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task Request_UnknownHost_404WithMessage()
    {
        await using var gateway = await StartGatewayAsync();

        using var response = await gateway.GetAsync("nope.localhost", "/", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No app answers to nope.localhost", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Request_HostOutsideBaseDomain_404()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("demo", "one", Ct);
        await WaitForInstancesAsync(gateway, "demo", 1);

        using var response = await gateway.GetAsync("demo.example.com", "/", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Request_KnownAppWithoutInstances_503WithRetryAfter()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.Registry.AddAppAsync("demo", "acme", Ct);
        await gateway.AddBackendAsync("demo", "one", Ct);
        await WaitForInstancesAsync(gateway, "demo", 1);

        await gateway.Registry.DeregisterAsync("demo", "v1", "one", Ct);
        await WaitForInstancesAsync(gateway, "demo", 0);
        using var response = await gateway.GetAsync("demo.localhost", "/", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Request_AppMarkerRemovedAndNoInstances_404()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.Registry.AddAppAsync("demo", "acme", Ct);
        await WaitForInstancesAsync(gateway, "demo", 0);

        await gateway.Registry.RemoveAppAsync("demo", Ct);
        await Eventually.TrueAsync(() => !gateway.Updater.Current.TryGetRoute("demo", out _), TimeSpan.FromSeconds(5), Ct);
        using var response = await gateway.GetAsync("demo.localhost", "/", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Request_NewRegistration_ServedPromptly()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.Registry.AddAppAsync("late", "acme", Ct);
        await WaitForInstancesAsync(gateway, "late", 0);
        var backend = await gateway.StartBackendAsync("fresh", Ct);

        await gateway.Registry.RegisterAsync("late", "v1", "fresh", backend.Address, Ct);
        var elapsed = await Eventually.TrueAsync(
            async () =>
            {
                using var response = await gateway.GetAsync("late.localhost", "/", Ct);
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromMinutes(1),
            Ct);

        // The design target is 100 ms; printed, not asserted, as a busy test machine stalls for seconds.
        TestContext.Current.TestOutputHelper?.WriteLine($"served after {elapsed.TotalMilliseconds:0} ms");
    }

    [Theory]
    [InlineData("demo.localhost:7080")]
    [InlineData("DEMO.LocalHost")]
    [InlineData("www.demo.localhost")]
    public async Task Request_HostVariants_RoutedToApp(string host)
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("demo", "one", Ct);
        await WaitForInstancesAsync(gateway, "demo", 1);

        using var response = await gateway.GetAsync(host, "/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("one", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Request_PostBody_EchoedWithBackendHeaders()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("demo", "one", Ct);
        await WaitForInstancesAsync(gateway, "demo", 1);
        var body = string.Concat(Enumerable.Repeat("berth-", 20_000));

        using var response = await gateway.SendAsync(HttpMethod.Post, "demo.localhost", "/echo", Ct, new StringContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("one", Assert.Single(response.Headers.GetValues("X-Backend")));
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Request_Forwarded_SetsForwardedHeadersAndKeepsHost()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("demo", "one", Ct);
        await WaitForInstancesAsync(gateway, "demo", 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/headers");
        request.Headers.Host = "demo.localhost:7080";
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");

        using var response = await gateway.Client.SendAsync(request, Ct);
        var seen = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            ["Host: demo.localhost:7080", "X-Forwarded-For: 127.0.0.1", "X-Forwarded-Proto: http", "X-Forwarded-Host: demo.localhost:7080", "Connection: ", "Keep-Alive: ", "Forwarded: ", "X-Real-IP: "],
            seen);
    }

    [Fact]
    public async Task Request_InstanceDown_502()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.Registry.RegisterAsync("demo", "v1", "dead", $"127.0.0.1:{GatewayHarness.ClosedPort()}", Ct);
        await WaitForInstancesAsync(gateway, "demo", 1);

        using var response = await gateway.GetAsync("demo.localhost", "/", Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Health_NonAppHost_ReportsRoutes(string host)
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.Registry.AddAppAsync("demo", "acme", Ct);
        await WaitForInstancesAsync(gateway, "demo", 0);

        using var response = await gateway.GetAsync(host, "/_berth/health", Ct);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, health.RootElement.GetProperty("routes").GetInt32());
        Assert.False(health.RootElement.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Health_AppHost_ForwardedToApp()
    {
        await using var gateway = await StartGatewayAsync();
        await gateway.AddBackendAsync("demo", "one", Ct);
        await WaitForInstancesAsync(gateway, "demo", 1);

        using var response = await gateway.GetAsync("demo.localhost", "/_berth/health", Ct);

        Assert.Equal("one", await response.Content.ReadAsStringAsync(Ct));
    }

    private static Task WaitForInstancesAsync(GatewayHarness gateway, string appId, int count) => gateway.WaitForInstancesAsync(appId, count, Ct);
}
