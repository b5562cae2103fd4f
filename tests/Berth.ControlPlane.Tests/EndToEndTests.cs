using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>The walking skeleton, end to end: real engine, real registry, real gateway.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task HelloApp_DeployRollScaleDelete_ServesThroughGatewayAndLeavesNothing()
    {
        var tenant = await _berth.TenantAsync("acme");
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync("/v1/apps", new { id = "hello", memoryMb = 64, cpuShares = 256 })).StatusCode);

        var v1 = await BerthTestServer.DeployAsync(tenant, "hello", "v1", 3);
        Assert.Equal("succeeded", v1.GetProperty("state").GetString());

        var bodies = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            bodies.Add(await (await _berth.ThroughGatewayAsync("hello")).Content.ReadAsStringAsync());
        }

        Assert.All(bodies, b => Assert.StartsWith("hello v1 from ", b));
        Assert.Equal(3, bodies.Distinct().Count());
        Assert.All(bodies.GroupBy(b => b), g => Assert.Equal(10, g.Count()));

        var failures = await WhileRequestingAsync("hello", async () =>
            Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, "hello", "v2", 3)).GetProperty("state").GetString()));
        Assert.Empty(failures);

        for (var i = 0; i < 10; i++)
        {
            Assert.StartsWith("hello v2 from ", await (await _berth.ThroughGatewayAsync("hello")).Content.ReadAsStringAsync());
        }

        var containers = await _berth.ContainersOfAsync("hello");
        Assert.Equal(3, containers.Count);
        Assert.All(containers, c => Assert.Equal("v2", c.Labels["berth.version"]));

        var scale = await tenant.PutAsJsonAsync("/v1/apps/hello/scale", new { instances = 1 });
        Assert.Equal("succeeded", (await BerthTestServer.WaitAsync(tenant, scale)).GetProperty("state").GetString());
        Assert.Single(await tenant.GetFromJsonAsync<JsonElement[]>("/v1/apps/hello/instances", BerthTestServer.Json) ?? []);
        Assert.Single(await tenant.GetFromJsonAsync<JsonElement[]>("/v1/discovery/hello", BerthTestServer.Json) ?? []);

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync("/v1/apps/hello")).StatusCode);
        Assert.Empty(await _berth.ContainersOfAsync("hello"));
        var hosts = await _berth.Admin.GetFromJsonAsync<JsonElement[]>("/v1/hosts", BerthTestServer.Json) ?? [];
        Assert.All(hosts, h =>
        {
            Assert.Equal(0, h.GetProperty("reservedMemoryMb").GetInt64());
            Assert.Equal(0, h.GetProperty("portsInUse").GetInt32());
        });
        Assert.Equal(HttpStatusCode.NotFound, (await _berth.ThroughGatewayAsync("hello")).StatusCode);
    }

    /// <summary>Runs <paramref name="work"/> while a client keeps requesting the app; returns every failed request.</summary>
    private async Task<List<string>> WhileRequestingAsync(string appId, Func<Task> work)
    {
        var failures = new List<string>();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var response = await _berth.ThroughGatewayAsync(appId);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Add(e.Message);
                }
            }
        });
        await work();
        await stop.CancelAsync();
        await load;
        return failures;
    }
}
