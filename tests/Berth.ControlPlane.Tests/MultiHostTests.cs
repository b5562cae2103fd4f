using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Core.Discovery;
using Berth.Core.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// Three real engines on this machine (the default one and the two of scripts/start-engines.sh, one over TLS):
/// spread across hosts, reachable through the gateway, drained and moved (a canary too), and global apps following hosts.
/// </summary>
public sealed class MultiHostTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Pool = new() { ["pool"] = "multi" };
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(portRangeSize: 10);
        _tenant = await _berth.TenantAsync("multihost");
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private async Task<string> CreateAppAsync(object extra)
    {
        var id = BerthTestServer.UniqueAppId("mh");
        var body = JsonSerializer.SerializeToElement(extra, BerthTestServer.Json).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        body["id"] = id;
        body["image"] = "hello";
        body["memoryMb"] = 32;
        body["cpuShares"] = 128;
        body["drainSeconds"] = 0;
        body["constraints"] = new[] { "labels.pool == multi" };
        var response = await _tenant.PostAsJsonAsync("/v1/apps", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<Dictionary<string, string>> InstanceHostsAsync(string id) =>
        (await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/instances", BerthTestServer.Json) ?? [])
        .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("host").GetString()!);

    private async Task<int> ContainersOnAsync(string engine, string id) =>
        (await _berth.Server.Services.GetRequiredService<IContainerRuntimeFactory>().Get(engine)
            .ListAsync(new Dictionary<string, string> { [BerthLabels.App] = id }, CancellationToken.None)).Count;

    /// <summary>The newest deployment of the app once it has ended, waiting for one newer than <paramref name="after"/>.</summary>
    /// <summary>Drains <paramref name="host"/> while requests to the app run through the gateway: the move's deployment and every failed answer.</summary>
    private async Task<(JsonElement Moved, List<string> Failures)> DrainUnderLoadAsync(string id, string host, string lastDeploymentId)
    {
        var failures = new List<string>();
        using var load = new CancellationTokenSource();
        var requests = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                var response = await _berth.ThroughGatewayAsync(id);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)response.StatusCode}");
                }
            }
        });
        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.PatchAsJsonAsync($"/v1/hosts/{host}", new { drain = true })).StatusCode);
        var moved = await NextDeploymentAsync(id, lastDeploymentId);
        await load.CancelAsync();
        await requests;
        return (moved, failures);
    }

    private async Task<JsonElement> NextDeploymentAsync(string id, string after)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var latest = (await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/deployments", BerthTestServer.Json) ?? [])[0];
            var state = latest.GetProperty("state").GetString();
            if ((latest.GetProperty("id").GetString() != after && state is "succeeded" or "failed") || DateTime.UtcNow > deadline)
            {
                return latest;
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task SpreadApp_LandsOnDifferentEnginesServesThroughGatewayAndMovesWhenOneDrains()
    {
        await TestEngines.AddEngine1Async(_berth, "e1", Pool);
        await TestEngines.AddEngine2Async(_berth, "e2", Pool);
        var id = await CreateAppAsync(new { spread = "host" });

        var deployed = await BerthTestServer.DeployAsync(_tenant, id, "v1", 2);

        Assert.True(deployed.GetProperty("state").GetString() == "succeeded", deployed.GetProperty("reason").GetString());
        Assert.Equal(["e1", "e2"], (await InstanceHostsAsync(id)).Values.Order());
        Assert.Equal((1, 1, 0), (await ContainersOnAsync(TestEngines.Engine1, id), await ContainersOnAsync(TestEngines.Engine2, id), await ContainersOnAsync(_berth.Options.LocalEngine, id)));
        var bodies = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var response = await _berth.ThroughGatewayAsync(id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(2, bodies.Count);

        // The local engine joins the pool; draining e1 moves its instance there (not to e2: spread is hard).
        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.PatchAsJsonAsync("/v1/hosts/local", new { labels = Pool })).StatusCode);
        var (moved, failures) = await DrainUnderLoadAsync(id, "e1", deployed.GetProperty("id").GetString()!);

        Assert.True(moved.GetProperty("state").GetString() == "succeeded", moved.GetProperty("reason").GetString());
        Assert.StartsWith("moved 1 instance(s) off e1 (draining)", moved.GetProperty("reason").GetString());
        Assert.Empty(failures);
        Assert.Equal(["e2", "local"], (await InstanceHostsAsync(id)).Values.Order());
        Assert.Equal(0, await ContainersOnAsync(TestEngines.Engine1, id));
        var e1 = await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/hosts/e1", BerthTestServer.Json);
        Assert.Equal("drained", e1.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await _berth.Admin.DeleteAsync("/v1/hosts/e1")).StatusCode);
    }

    [Fact]
    public async Task GlobalApp_RunsOnEveryPoolHostAndFollowsAHostThatJoinsLater()
    {
        await TestEngines.AddEngine2Async(_berth, "g2", Pool);
        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.PatchAsJsonAsync("/v1/hosts/local", new { labels = Pool })).StatusCode);
        var id = await CreateAppAsync(new { instances = "global" });
        var deployed = await BerthTestServer.DeployAsync(_tenant, id, "v1", 1);
        Assert.True(deployed.GetProperty("state").GetString() == "succeeded", deployed.GetProperty("reason").GetString());
        Assert.Equal(["g2", "local"], (await InstanceHostsAsync(id)).Values.Order());

        await TestEngines.AddEngine1Async(_berth, "g1", Pool);
        var followed = await NextDeploymentAsync(id, deployed.GetProperty("id").GetString()!);

        Assert.True(followed.GetProperty("state").GetString() == "succeeded", followed.GetProperty("reason").GetString());
        Assert.Equal(3, followed.GetProperty("instances").GetInt32());
        Assert.Equal(["g1", "g2", "local"], (await InstanceHostsAsync(id)).Values.Order());
        Assert.Equal(1, await ContainersOnAsync(TestEngines.Engine1, id));

        // Taking a host out of the pool retires the global app's instance there.
        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.PatchAsJsonAsync("/v1/hosts/g2", new { labels = new Dictionary<string, string>() })).StatusCode);
        var shrunk = await NextDeploymentAsync(id, followed.GetProperty("id").GetString()!);
        Assert.True(shrunk.GetProperty("state").GetString() == "succeeded", shrunk.GetProperty("reason").GetString());
        Assert.Equal(["g1", "local"], (await InstanceHostsAsync(id)).Values.Order());
        Assert.Equal(0, await ContainersOnAsync(TestEngines.Engine2, id));
    }

    [Fact]
    public async Task Drain_HostRunningACanary_MovesBothVersionsAndTheSplitStillReachesEach()
    {
        await TestEngines.AddEngine1Async(_berth, "c1", Pool);
        var id = await CreateAppAsync(new { });
        var deployed = await BerthTestServer.DeployAsync(_tenant, id, "v1", 1);
        Assert.True(deployed.GetProperty("state").GetString() == "succeeded", deployed.GetProperty("reason").GetString());
        var canary = await BerthTestServer.WaitAsync(_tenant, await _tenant.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v2", instances = 1, strategy = "canary" }));
        Assert.True(canary.GetProperty("state").GetString() == "succeeded", canary.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new { v1 = 50, v2 = 50 })).StatusCode);
        var before = await InstancesAsync(id);
        Assert.Equal([("c1", "v1"), ("c1", "v2")], before.Select(i => (i.Host, i.Version)).Order());

        // Engine 2 joins the pool: the one host left for both versions once c1 drains.
        await TestEngines.AddEngine2Async(_berth, "c2", Pool);
        var (moved, failures) = await DrainUnderLoadAsync(id, "c1", canary.GetProperty("id").GetString()!);

        Assert.True(moved.GetProperty("state").GetString() == "succeeded", moved.GetProperty("reason").GetString());
        Assert.StartsWith("moved 2 instance(s) off c1 (draining), 1 of them of the canary v2", moved.GetProperty("reason").GetString());
        Assert.Empty(failures);
        var after = await InstancesAsync(id);
        Assert.Equal([("c2", "v1"), ("c2", "v2")], after.Select(i => (i.Host, i.Version)).Order());
        Assert.Empty(after.Select(i => i.ContainerId).Intersect(before.Select(i => i.ContainerId)));
        Assert.Equal((0, 2), (await ContainersOnAsync(TestEngines.Engine1, id), await ContainersOnAsync(TestEngines.Engine2, id)));
        var discovered = (await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/discovery/{id}", BerthTestServer.Json))!
            .Select(e => ServiceKeys.TryParseAddress(e.GetProperty("key").GetString()!, out _, out var version, out var container) ? (version, container) : ("?", "?"));
        Assert.Equal(after.Select(i => (i.Version, i.ContainerId)).Order(), discovered.Order());

        // Still a canary beside v1, and the 50/50 split reaches both versions on their new host.
        var app = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}", BerthTestServer.Json);
        Assert.Equal(("v1", 1, "v2", 1), (app.GetProperty("activeVersion").GetString(), app.GetProperty("instances").GetInt32(),
            app.GetProperty("canaryVersion").GetString(), app.GetProperty("canaryInstances").GetInt32()));
        var versions = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            var response = await _berth.ThroughGatewayAsync(id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            versions.Add((await response.Content.ReadAsStringAsync()).Split(' ')[1]);
        }
        Assert.Equal(["v1", "v2"], versions.Order());
        var events = await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/events?limit=1000", BerthTestServer.Json) ?? [];
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "instanceStarted" && e.GetProperty("message").GetString()!.StartsWith("started v2 on c2"));
        Assert.Equal(2, events.Count(e => e.GetProperty("type").GetString() == "retired" && e.GetProperty("host").GetString() == "c1"));
        Assert.Equal(HttpStatusCode.NoContent, (await _berth.Admin.DeleteAsync("/v1/hosts/c1")).StatusCode);
    }

    private async Task<List<(string Host, string Version, string ContainerId)>> InstancesAsync(string id) =>
        [.. (await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/instances", BerthTestServer.Json) ?? [])
            .Select(i => (i.GetProperty("host").GetString()!, i.GetProperty("version").GetString()!, i.GetProperty("containerId").GetString()!))];
}
