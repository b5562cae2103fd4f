using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Cluster;

/// <summary>The main end-to-end deploy scenario, run on a cluster in a box: every check goes through every host's gateway.</summary>
public static class ClusterScenario
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Deploy, roll under load, canary with a split, promote, scale and delete; the control planes take turns.</summary>
    public static async Task DeployRollCanaryScaleDeleteAsync(ClusterBox box)
    {
        using var onCp1 = await box.TenantAsync("matrix");
        using var onCp2 = box.Client(box.Apis[1], onCp1.DefaultRequestHeaders.Authorization!.Parameter);
        var id = await CreateAppAsync(onCp1, "matrix");

        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(onCp1, id, "v1", 3)).GetProperty("state").GetString());
        var addresses = await AddressesAsync(onCp2, id);
        Assert.Equal(3, addresses.Count);
        Assert.All(addresses, a => Assert.StartsWith("10.213.0.1", a, StringComparison.Ordinal));
        Assert.Equal(3, addresses.Select(a => a.Split(':')[0]).Distinct().Count());
        await EveryGatewayAsync(box, id, bodies => bodies.All(b => b.StartsWith("hello v1 from ", StringComparison.Ordinal)) && bodies.Distinct().Count() == 3);

        var load = RequestLoad.Start(box.Gateways, id);
        try
        {
            Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(onCp2, id, "v2", 3)).GetProperty("state").GetString());
            await EveryGatewayAsync(box, id, bodies => bodies.All(b => b.StartsWith("hello v2 from ", StringComparison.Ordinal)));
        }
        finally
        {
            await load.DisposeAsync();
        }

        ClusterBox.Report($"[{box.Database}+{box.Discovery}] roll v1→v2 under load: sent {load.Sent}, failed {load.Failed} (budget 0) {load.FirstFailures}");
        Assert.Equal(0, load.Failed);

        var canary = await onCp1.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v1", instances = 1, strategy = "canary" });
        var canaryRun = await BerthTestServer.WaitAsync(onCp1, canary);
        Assert.Equal("succeeded", canaryRun.GetProperty("state").GetString());
        (await onCp2.PutAsJsonAsync($"/v1/apps/{id}/traffic", new Dictionary<string, int> { ["v1"] = 50, ["v2"] = 50 })).EnsureSuccessStatusCode();
        await EveryGatewayAsync(box, id, bodies => bodies.Any(b => b.StartsWith("hello v1 ", StringComparison.Ordinal)) && bodies.Any(b => b.StartsWith("hello v2 ", StringComparison.Ordinal)));

        var promoted = await BerthTestServer.WaitAsync(onCp2, await onCp2.PostAsync($"/v1/apps/{id}/deployments/{canaryRun.GetProperty("id").GetString()}/promote", null));
        Assert.Equal("succeeded", promoted.GetProperty("state").GetString());
        await EveryGatewayAsync(box, id, bodies => bodies.All(b => b.StartsWith("hello v1 from ", StringComparison.Ordinal)));

        var scale = await onCp1.PutAsJsonAsync($"/v1/apps/{id}/scale", new { instances = 1 });
        Assert.Equal("succeeded", (await BerthTestServer.WaitAsync(onCp1, scale)).GetProperty("state").GetString());
        Assert.Single(await AddressesAsync(onCp2, id));
        await EveryGatewayAsync(box, id, bodies => bodies.Distinct().Count() == 1);

        Assert.Equal(HttpStatusCode.NoContent, (await onCp2.DeleteAsync($"/v1/apps/{id}")).StatusCode);
        foreach (var gateway in box.Gateways)
        {
            using var client = new HttpClient { BaseAddress = new Uri(gateway) };
            await Eventually.TrueAsync(async () => (await BerthTestServer.ThroughGatewayAsync(client, id)).StatusCode == HttpStatusCode.NotFound, Patience);
        }

        foreach (var host in box.Hosts)
        {
            Assert.Empty(await ClusterBox.ContainersAsync(host, id));
        }
    }

    /// <summary>
    /// Kills one member of the 3-member discovery ensemble under load (quorum kept) and scales an app meanwhile: no
    /// request may fail and the scale must finish; the member is started again at the end.
    /// </summary>
    public static async Task DiscoveryMemberKilledAsync(ClusterBox box)
    {
        using var tenant = await box.TenantAsync("member");
        var id = await CreateAppAsync(tenant, "member");
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v1", 2)).GetProperty("state").GetString());

        var load = RequestLoad.Start(box.Gateways, id);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan converged;
        try
        {
            await ClusterBox.RunAsync("kill", "d1");
            clock.Restart();
            var scale = await tenant.PutAsJsonAsync($"/v1/apps/{id}/scale", new { instances = 3 });
            Assert.Equal("succeeded", (await BerthTestServer.WaitAsync(tenant, scale)).GetProperty("state").GetString());
            await EveryGatewayAsync(box, id, bodies => bodies.Distinct().Count() == 3);
            converged = clock.Elapsed;
        }
        finally
        {
            await load.DisposeAsync();
            await ClusterBox.RunAsync("start", "d1");
        }

        ClusterBox.Report($"[{box.Database}+{box.Discovery}] {box.Discovery} member d1 killed: sent {load.Sent}, failed {load.Failed} (budget 0), scaled and routed in {converged.TotalSeconds:F1} s {load.FirstFailures}");
        Assert.Equal(0, load.Failed);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}")).StatusCode);
    }

    /// <summary>
    /// Kills two of the three discovery members under load (quorum lost): every gateway keeps routing from its last
    /// table and says <c>stale</c>; once the members are back the gateways say <c>ok</c> again and a scale goes through.
    /// </summary>
    public static async Task DiscoveryQuorumLostAsync(ClusterBox box)
    {
        using var tenant = await box.TenantAsync("quorum");
        var id = await CreateAppAsync(tenant, "quorum");
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v1", 2)).GetProperty("state").GetString());
        await EveryGatewayAsync(box, id, bodies => bodies.Distinct().Count() == 2);

        var load = RequestLoad.Start(box.Gateways, id);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan stale, recovered;
        try
        {
            await ClusterBox.RunAsync("kill", "d1");
            await ClusterBox.RunAsync("kill", "d2");
            clock.Restart();
            await EveryGatewayHealthAsync(box, "stale");
            stale = clock.Elapsed;

            // A while without quorum under load: the control planes' health checks and reconciler run meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(15));
            await ClusterBox.RunAsync("start", "d1");
            await ClusterBox.RunAsync("start", "d2");
            clock.Restart();
            await EveryGatewayHealthAsync(box, "ok");
            var scale = await tenant.PutAsJsonAsync($"/v1/apps/{id}/scale", new { instances = 3 });
            Assert.Equal("succeeded", (await BerthTestServer.WaitAsync(tenant, scale)).GetProperty("state").GetString());
            await EveryGatewayAsync(box, id, bodies => bodies.Distinct().Count() == 3);
            recovered = clock.Elapsed;
        }
        finally
        {
            await load.DisposeAsync();
            await ClusterBox.RunAsync("start", "d1");
            await ClusterBox.RunAsync("start", "d2");
        }

        ClusterBox.Report($"[{box.Database}+{box.Discovery}] {box.Discovery} quorum lost (d1, d2 killed): sent {load.Sent}, failed {load.Failed} (budget 0), every gateway stale after {stale.TotalSeconds:F1} s; back: healthy, scaled and routed {recovered.TotalSeconds:F1} s after the members started {load.FirstFailures}");
        Assert.Equal(0, load.Failed);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}")).StatusCode);
    }

    /// <summary>
    /// Kills the database for 15 s under load and starts it again: gateways never read it, so no request through them
    /// may fail; API calls meanwhile get 200 or a 503 with Retry-After and a reason, never a 500; and the first write
    /// after it is back, on connections the pool held from before, succeeds.
    /// </summary>
    public static async Task DatabaseRestartedAsync(ClusterBox box)
    {
        using var tenant = await box.TenantAsync("database");
        var id = await CreateAppAsync(tenant, "database");
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v1", 2)).GetProperty("state").GetString());

        var load = RequestLoad.Start(box.Gateways, id);
        var api = ApiProbe.Start(tenant, id);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan converged;
        try
        {
            await ClusterBox.RunAsync("kill", "db");
            // A while without the database under load: health checks, heartbeats and the reconciler meet it gone.
            await Task.Delay(TimeSpan.FromSeconds(15));
            await ClusterBox.RunAsync("start", "db");
            clock.Restart();
            // The probe goes on while the database starts up: PostgreSQL refuses queries then (57P03).
            await Eventually.TrueAsync(box.DatabaseReadyAsync, TimeSpan.FromSeconds(90));
            await api.StopAsync();

            // The first request after the restart, on connections the pool held from before it, must not fail.
            var scale = await tenant.PutAsJsonAsync($"/v1/apps/{id}/scale", new { instances = 3 });
            Assert.Equal(HttpStatusCode.Accepted, scale.StatusCode);
            Assert.Equal("succeeded", (await BerthTestServer.WaitAsync(tenant, scale)).GetProperty("state").GetString());
            await EveryGatewayAsync(box, id, bodies => bodies.Distinct().Count() == 3);
            converged = clock.Elapsed;
        }
        finally
        {
            await ClusterBox.RunAsync("start", "db");
            await api.DisposeAsync();
            await load.DisposeAsync();
        }

        ClusterBox.Report($"[{box.Database}+{box.Discovery}] database killed for 15 s and started: sent {load.Sent}, failed {load.Failed} (budget 0); API reads meanwhile {api.Sent}, 503 with Retry-After {api.Unavailable}, other than 200/503 {api.Bad.Count} (budget 0); scaled and routed {converged.TotalSeconds:F1} s after it started {load.FirstFailures}");
        Assert.Equal(0, load.Failed);
        Assert.Empty(api.Bad);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}")).StatusCode);
    }

    /// <summary>Waits until every gateway's <c>/_berth/health</c> reports <paramref name="status"/>.</summary>
    public static async Task EveryGatewayHealthAsync(ClusterBox box, string status)
    {
        foreach (var gateway in box.Gateways)
        {
            using var client = new HttpClient { BaseAddress = new Uri(gateway), Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    using var response = await client.GetAsync("/_berth/health");
                    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() == status;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    return false;
                }
            }, Patience);
        }
    }

    /// <summary>Creates a hello app spread over the hosts (soft: it may share a host when one is gone).</summary>
    public static async Task<string> CreateAppAsync(HttpClient tenant, string stem)
    {
        var id = BerthTestServer.UniqueAppId(stem);
        var created = await tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128, drainSeconds = 2, spread = "host", spreadMode = "soft" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return id;
    }

    /// <summary>The app's instance addresses in discovery, as the API lists them.</summary>
    public static async Task<List<string>> AddressesAsync(HttpClient tenant, string id) =>
        [.. (await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/discovery/{id}", BerthTestServer.Json) ?? []).Select(e => e.GetProperty("value").GetString()!)];

    /// <summary>Waits until 30 requests through each gateway answer 200 with bodies that satisfy <paramref name="check"/>.</summary>
    public static async Task EveryGatewayAsync(ClusterBox box, string id, Func<List<string>, bool> check)
    {
        foreach (var gateway in box.Gateways)
        {
            using var client = new HttpClient { BaseAddress = new Uri(gateway), Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.TrueAsync(async () =>
            {
                var bodies = new List<string>();
                for (var i = 0; i < 30; i++)
                {
                    using var response = await BerthTestServer.ThroughGatewayAsync(client, id);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        return false;
                    }

                    bodies.Add(await response.Content.ReadAsStringAsync());
                }

                return check(bodies);
            }, Patience);
        }
    }
}
