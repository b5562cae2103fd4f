using System.Net;
using System.Text.Json;
using Berth.Gateway.Admin;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary>Counters behind <c>/_berth/stats/{app}</c> and <c>/metrics</c>, after real traffic.</summary>
public sealed class StatisticsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stats_RequestsSent_CountedExactlyPerAppAndInstance()
    {
        await using var gateway = await GatewayHarness.StartAsync(Ct);
        await gateway.AddBackendsAsync("demo", Ct, "one", "two");
        await gateway.SendAnsweredAsync("demo.localhost", 37, Ct);

        foreach (var window in new[] { "minute", "hour" })
        {
            var report = await ReportAsync(gateway, window);
            Assert.Equal(window, report.Window);
            Assert.Equal(37, report.Total.Requests);
            Assert.Equal(37, report.Total.Responses.Success);
            Assert.Equal(37, report.Total.Latency.BucketCounts.Sum());
            Assert.True(report.Total.BytesIn > 37 * 20 && report.Total.BytesOut > 37 * 50);
            Assert.True(report.Total.Latency.P99Ms > 0);
            Assert.Equal([19L, 18L], report.Instances.Select(i => i.Traffic.Requests).Order().Reverse());
        }

        Assert.Equal(0, (await ReportAsync(gateway, "minute", "other")).Total.Requests);
    }

    [Fact]
    public async Task Metrics_AfterRequests_PrometheusCountersAndHistogram()
    {
        await using var gateway = await GatewayHarness.StartAsync(Ct);
        await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.WaitForInstancesAsync("demo", 1, Ct);
        for (var i = 0; i < 5; i++)
        {
            await gateway.GetTextAsync("demo.localhost", "/", Ct);
        }

        using var response = await gateway.GetAsync("127.0.0.1", "/metrics", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("berth_gateway_requests_total{app=\"demo\"} 5\n", text);
        Assert.Contains("berth_gateway_responses_total{app=\"demo\",class=\"2xx\"} 5\n", text);
        Assert.Contains("berth_gateway_request_duration_seconds_bucket{app=\"demo\",le=\"+Inf\"} 5\n", text);
        Assert.Contains("berth_gateway_instance_requests_total{app=\"demo\",version=\"v1\",instance=\"one\"} 5\n", text);
        Assert.Contains("# TYPE berth_gateway_request_duration_seconds histogram\n", text);
    }

    [Fact]
    public async Task Stats_GatewayAnswersForApp_CountedWithoutInstance()
    {
        await using var gateway = await GatewayHarness.StartAsync(Ct);
        await gateway.Registry.AddAppAsync("demo", "acme", Ct);
        await gateway.WaitForInstancesAsync("demo", 0, Ct);

        Assert.Equal("[503]", await gateway.GetTextAsync("demo.localhost", "/", Ct));

        var report = await ReportAsync(gateway, "minute");
        Assert.Equal(1, report.Total.Responses.ServerError);
        Assert.Empty(report.Instances);
    }

    [Fact]
    public async Task Stats_RecentSeconds_CountsTheWholeSecondsBeforeThisOne()
    {
        await using var gateway = await GatewayHarness.StartAsync(Ct);
        await gateway.AddBackendAsync("demo", "one", Ct);
        await gateway.SendAnsweredAsync("demo.localhost", 5, Ct);

        // The requests just sent leave the current second within a second or two, and stay in the last ten.
        Berth.Core.Traffic.TrafficReport report = null!;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await gateway.GetAsync("127.0.0.1", "/_berth/stats/demo?seconds=10", Ct);
            report = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), GatewayJsonContext.Default.TrafficReport)!;
            return report.Total.Requests == 5;
        }, TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("recent", report.Window);
        Assert.True(report.Total.Latency.P99Ms > 0);
    }

    [Theory]
    [InlineData("/_berth/stats/demo?seconds=60", HttpStatusCode.BadRequest)]
    [InlineData("/_berth/stats/demo?seconds=x", HttpStatusCode.BadRequest)]
    [InlineData("/_berth/stats/demo?window=week", HttpStatusCode.BadRequest)]
    [InlineData("/_berth/stats/Not_An_App", HttpStatusCode.BadRequest)]
    [InlineData("/_berth/nothing", HttpStatusCode.NotFound)]
    public async Task Admin_BadRequests_Refused(string path, HttpStatusCode status)
    {
        await using var gateway = await GatewayHarness.StartAsync(Ct);

        using var response = await gateway.GetAsync("localhost", path, Ct);

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task Admin_ClientNotInAdminClients_StatsAndMetricsHiddenHealthOpen()
    {
        await using var gateway = await GatewayHarness.StartAsync(Ct, new GatewayOptions { AdminClients = ["192.0.2.0/24"] });

        Assert.Equal("[404]", await gateway.GetTextAsync("localhost", "/metrics", Ct));
        Assert.Equal("[404]", await gateway.GetTextAsync("localhost", "/_berth/stats/demo", Ct));
        Assert.Contains("\"status\":\"ok\"", await gateway.GetTextAsync("localhost", "/_berth/health", Ct));
    }

    private static async Task<Berth.Core.Traffic.TrafficReport> ReportAsync(GatewayHarness gateway, string window, string app = "demo")
    {
        using var response = await gateway.GetAsync("127.0.0.1", $"/_berth/stats/{app}?window={window}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), GatewayJsonContext.Default.TrafficReport)!;
    }
}
