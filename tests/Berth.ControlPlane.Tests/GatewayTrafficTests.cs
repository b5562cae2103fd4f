using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests;

/// <summary>Statistics merged across gateways, a canary split and the active version, on real containers.</summary>
public sealed class GatewayTrafficTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Stats_TwoGateways_CountExactlyTheRequestsSent()
    {
        var tenant = await _berth.TenantAsync("counters");
        var id = await DeployHelloAsync(tenant, "stats", 2);
        await using var second = await SecondGateway.StartAsync(_berth);

        await SendToHelloV1Async(_berth.Gateway, $"{id}.localhost", 30);
        await SendToHelloV1Async(second.Client, $"{id}.localhost", 12);

        Assert.Equal("[404]", await TextAsync(_berth.Gateway, $"{id}.localhost", "/missing"));

        foreach (var window in new[] { "minute", "hour" })
        {
            var stats = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/stats?window={window}");
            var total = stats.GetProperty("total");
            Assert.Equal(2, stats.GetProperty("gateways").GetInt32());
            Assert.Empty(stats.GetProperty("unreachableGateways").EnumerateArray());
            Assert.Equal(43, total.GetProperty("requests").GetInt64());
            Assert.Equal(42, total.GetProperty("responses").GetProperty("2xx").GetInt64());
            Assert.Equal(1, total.GetProperty("responses").GetProperty("4xx").GetInt64());
            Assert.True(total.GetProperty("bytesOut").GetInt64() > 42 * 20);
            Assert.True(total.GetProperty("latency").GetProperty("p99Ms").GetDouble() > 0);
            var instances = stats.GetProperty("instances").EnumerateArray().ToList();
            Assert.Equal(2, instances.Count);
            Assert.Equal(43, instances.Sum(i => i.GetProperty("traffic").GetProperty("requests").GetInt64()));
        }

        var stranger = await _berth.TenantAsync("strangers");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/apps/{id}/stats")).StatusCode);
        Assert.Contains("minute or hour", await ProblemAsync(await tenant.GetAsync($"/v1/apps/{id}/stats?window=day"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Traffic_CanaryNinetyTen_ThousandRequestsSplitThenActiveVersionTakesAll()
    {
        var tenant = await _berth.TenantAsync("canaries");
        var id = await DeployHelloAsync(tenant, "canary", 1);

        // A canary of v2 beside v1, through the API: v1 stays active, so without a split it takes everything.
        var canary = await BerthTestServer.WaitAsync(tenant, await tenant.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v2", instances = 1, strategy = "canary" }));
        Assert.Equal(("succeeded", "canary"), (canary.GetProperty("state").GetString(), canary.GetProperty("strategy").GetString()));
        for (var i = 0; i < 10; i++)
        {
            Assert.StartsWith("hello v1 ", await TextAsync(_berth.Gateway, $"{id}.localhost"));
        }

        Assert.Equal(HttpStatusCode.OK, (await tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new { v1 = 90, v2 = 10 })).StatusCode);
        await EventuallyAsync(async () => (await TextAsync(_berth.Gateway, $"{id}.localhost")).StartsWith("hello v2 ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        var answers = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            answers.Add(await TextAsync(_berth.Gateway, $"{id}.localhost"));
        }

        Assert.All(answers, a => Assert.StartsWith("hello v", a));
        Assert.InRange(answers.Count(a => a.StartsWith("hello v2 ", StringComparison.Ordinal)), 50, 150);

        // Without a split the active version (v1, published by its deployment) takes everything: 50 answers in a row.
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}/traffic")).StatusCode);
        var inARow = 0;
        await EventuallyAsync(async () => (inARow = (await TextAsync(_berth.Gateway, $"{id}.localhost")).StartsWith("hello v1 ", StringComparison.Ordinal) ? inARow + 1 : 0) == 50, TimeSpan.FromMinutes(1));
    }
}
