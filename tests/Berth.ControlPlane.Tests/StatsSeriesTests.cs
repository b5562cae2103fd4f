using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// What the dashboard draws: traffic step by step merged from two real gateways, and each host's reservations
/// beside its capacity, after real deployments.
/// </summary>
public sealed class StatsSeriesTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Series_TwoGateways_EveryStepPresentAndRequestsCountedPerInstance()
    {
        var tenant = await _berth.TenantAsync("series");
        var id = await DeployHelloAsync(tenant, "series", 2);
        await using var second = await SecondGateway.StartAsync(_berth);
        await SendToHelloV1Async(_berth.Gateway, $"{id}.localhost", 20);
        await SendToHelloV1Async(second.Client, $"{id}.localhost", 7);

        Assert.Equal("[404]", await TextAsync(second.Client, $"{id}.localhost", "/missing"));

        foreach (var (window, step, steps) in new[] { ("minute", 10, 6), ("hour", 60, 60) })
        {
            var series = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/stats/series?window={window}", BerthTestServer.Json);
            Assert.Equal(2, series.GetProperty("gateways").GetInt32());
            Assert.Equal(step, series.GetProperty("stepSeconds").GetInt32());
            var points = series.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(steps, points.Count);
            Assert.Equal(28, points.Sum(p => p.GetProperty("requests").GetInt64()));
            Assert.Equal(1, points.Sum(p => p.GetProperty("responses").GetProperty("4xx").GetInt64()));
            // The requests just sent are in the latest steps (two when they straddled a boundary), each with a rate and a p99.
            var busy = Enumerable.Range(0, steps).Where(i => points[i].GetProperty("requests").GetInt64() > 0).ToList();
            Assert.All(busy, i => Assert.InRange(i, steps - 2, steps - 1));
            Assert.All(busy, i => Assert.True(points[i].GetProperty("requestsPerSecond").GetDouble() > 0 && points[i].GetProperty("p99Ms").GetDouble() > 0));
            var starts = points.Select(p => p.GetProperty("start").GetDateTimeOffset()).ToList();
            Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(step), pair.Second - pair.First));
            Assert.InRange(DateTimeOffset.UtcNow - starts[^1], TimeSpan.Zero, TimeSpan.FromSeconds(step + 5));
            var instances = series.GetProperty("instances").EnumerateArray().ToList();
            Assert.Equal(2, instances.Count);
            Assert.All(instances, i => Assert.Equal(steps, i.GetProperty("points").GetArrayLength()));
            Assert.Equal(28, instances.Sum(i => i.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("requests").GetInt64())));
        }

        var stranger = await _berth.TenantAsync("series-strangers");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/apps/{id}/stats/series")).StatusCode);
        Assert.Contains("minute or hour", await ProblemAsync(await tenant.GetAsync($"/v1/apps/{id}/stats/series?window=day"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Hosts_AfterDeploy_ReservedMemoryAndSharesBesideCapacity()
    {
        var tenant = await _berth.TenantAsync("reserving");
        await DeployHelloAsync(tenant, "reserving", 2);

        var hosts = await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/hosts", BerthTestServer.Json);

        var local = hosts.EnumerateArray().Single(h => h.GetProperty("name").GetString() == _berth.Options.LocalHostName);
        Assert.Equal(2 * 64, local.GetProperty("reservedMemoryMb").GetInt64());
        Assert.Equal(2 * 128, local.GetProperty("reservedCpuShares").GetInt64());
        Assert.True(local.GetProperty("memoryMb").GetInt64() > 2 * 64);
        Assert.True(local.GetProperty("cpuShares").GetInt64() >= 1024);
        Assert.Equal(2, local.GetProperty("instances").GetInt32());
        Assert.False(local.GetProperty("down").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync("/v1/hosts")).StatusCode);
    }
}
