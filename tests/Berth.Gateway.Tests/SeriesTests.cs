using System.Net;
using System.Text.Json;
using Berth.Gateway.Admin;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary><c>/_berth/series/{app}</c>: the counters step by step, after real traffic.</summary>
public sealed class SeriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Series_RequestsSent_CountedInTheCurrentStepPerAppAndInstance()
    {
        await using var gateway = await GatewayHarness.StartAsync(Ct);
        await gateway.AddBackendsAsync("demo", Ct, "one", "two");
        await gateway.SendAnsweredAsync("demo.localhost", 24, Ct);

        foreach (var (window, step) in new[] { ("minute", 10), ("hour", 60) })
        {
            var series = await SeriesAsync(gateway, window);
            Assert.Equal(window, series.Window);
            Assert.Equal(step, series.StepSeconds);
            Assert.InRange(series.CurrentSeconds, 1, step);
            // The requests may straddle a step boundary; together they are all there, in the latest steps.
            Assert.Equal(24, series.Points.Sum(p => p.Requests));
            Assert.Equal(24, series.Points.Sum(p => p.Responses.Success));
            Assert.All(series.Points, p => Assert.InRange(p.Age, 0, 1));
            Assert.True(series.Points[^1].PercentileMs(0.99) > 0);
            Assert.Equal(["one", "two"], series.Instances.Select(i => i.Instance));
            Assert.Equal(24, series.Instances.Sum(i => i.Points.Sum(p => p.Requests)));
        }

        var quiet = await SeriesAsync(gateway, "hour", "other");
        Assert.Empty(quiet.Points);
        Assert.Empty(quiet.Instances);
    }

    [Theory]
    [InlineData("/_berth/series/demo?window=day", HttpStatusCode.BadRequest)]
    [InlineData("/_berth/series/Not_An_App", HttpStatusCode.BadRequest)]
    public async Task Series_BadRequests_Refused(string path, HttpStatusCode status)
    {
        await using var gateway = await GatewayHarness.StartAsync(Ct);

        using var response = await gateway.GetAsync("localhost", path, Ct);

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task Series_ClientNotInAdminClients_Hidden()
    {
        await using var gateway = await GatewayHarness.StartAsync(Ct, new GatewayOptions { AdminClients = ["192.0.2.0/24"] });

        Assert.Equal("[404]", await gateway.GetTextAsync("localhost", "/_berth/series/demo", Ct));
    }

    private static async Task<TrafficSeries> SeriesAsync(GatewayHarness gateway, string window, string app = "demo")
    {
        using var response = await gateway.GetAsync("127.0.0.1", $"/_berth/series/{app}?window={window}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), GatewayJsonContext.Default.TrafficSeries)!;
    }
}
