using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Scaling;

/// <summary>
/// Autoscaling on the real engine through the real gateway: a steady load raises the instance count to the policy's
/// max through scale deployments, and after the load stops the count falls back to min once the (shortened)
/// stabilization window has passed; every decision is an event naming its figures and no request fails.
/// </summary>
public sealed class AutoscaleTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 30, configure: o =>
    {
        o.Autoscale.Interval = TimeSpan.FromSeconds(2);
        o.Autoscale.StabilizationWindow = TimeSpan.FromSeconds(6);
    });

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Autoscale_SteadyLoadThenNone_RisesToMaxAndFallsBackToMinWithoutFailures()
    {
        var tenant = await _berth.TenantAsync("autoscale");
        var id = BerthTestServer.UniqueAppId("scaled");
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 64, cpuShares = 128, drainSeconds = 1 })).StatusCode);
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v1", 1)).GetProperty("state").GetString());
        var set = await tenant.PutAsJsonAsync($"/v1/apps/{id}/autoscale", new { min = 1, max = 3, target = new { requestsPerSecondPerInstance = 2 } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var highest = 0;

        await using (var load = new LoadGenerator(_berth.Gateway, $"{id}.localhost", loops: 4, pause: TimeSpan.FromMilliseconds(100)))
        {
            await Poll.TrueAsync(async () => (highest = Math.Max(highest, await CountAsync(tenant, id))) == 3, TimeSpan.FromSeconds(90), "three instances under load",
                every: TimeSpan.FromMilliseconds(500));
            // Max holds while the load goes on for another hundred requests.
            var mark = load.Sent;
            await Poll.TrueAsync(async () => (highest = Math.Max(highest, await CountAsync(tenant, id))) > 0 && load.Sent > mark + 100,
                TimeSpan.FromSeconds(60), "a hundred more requests at max");
            Assert.Empty(load.Failures);
        }

        await Poll.TrueAsync(async () => await CountAsync(tenant, id) == 1, TimeSpan.FromSeconds(90), "back to one instance after the load",
            every: TimeSpan.FromMilliseconds(500));
        Assert.Equal(3, highest);
        var decisions = await DecisionsAsync(tenant, id);
        Assert.Contains(decisions, d => d.StartsWith("scaling up from 1 to ", StringComparison.Ordinal) && d.Contains("requests per second per instance", StringComparison.Ordinal)
            && d.Contains("against a target of 2", StringComparison.Ordinal) && d.Contains("(min 1, max 3)", StringComparison.Ordinal));
        // Down from max after the window, in one step or two: the observed rate falls off over the statistics window, so
        // an evaluation may see it between the target and zero (no order of steps is promised, only the end at min).
        Assert.Contains(decisions, d => d.StartsWith("scaling down from 3 to ", StringComparison.Ordinal) && d.Contains("after 6 s lower", StringComparison.Ordinal));
        Assert.Equal(1, (await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}", BerthTestServer.Json)).GetProperty("instances").GetInt32());
    }

    [Fact]
    public async Task PutAutoscale_TwoTargets_BadRequestWithReason()
    {
        var tenant = await _berth.TenantAsync("autoscale-bad");
        var id = await GatewayTestSupport.CreateHelloAppAsync(tenant, "bad");

        var response = await tenant.PutAsJsonAsync($"/v1/apps/{id}/autoscale", new { min = 1, max = 3, target = new { cpuPercent = 60, p99Ms = 200 } });

        Assert.Contains("exactly one", await GatewayTestSupport.ProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autoscale_SetReadAndTurnedOff_RoundTrips()
    {
        var tenant = await _berth.TenantAsync("autoscale-crud");
        var id = await GatewayTestSupport.CreateHelloAppAsync(tenant, "crud");

        await tenant.PutAsJsonAsync($"/v1/apps/{id}/autoscale", new { min = 0, max = 4, target = new { p99Ms = 200 } });
        var view = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/autoscale", BerthTestServer.Json);

        Assert.Equal(200, view.GetProperty("target").GetProperty("p99Ms").GetDouble());
        Assert.Equal(300, view.GetProperty("idleSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}/autoscale")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.GetAsync($"/v1/apps/{id}/autoscale")).StatusCode);
    }

    private static async Task<int> CountAsync(HttpClient tenant, string id) =>
        (await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/instances", BerthTestServer.Json))!.Count(i => i.GetProperty("state").GetString() == "running");

    private static async Task<List<string>> DecisionsAsync(HttpClient tenant, string id) =>
        [.. (await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/events", BerthTestServer.Json)).EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "autoscaled")
            .Select(e => e.GetProperty("message").GetString()!)];
}
