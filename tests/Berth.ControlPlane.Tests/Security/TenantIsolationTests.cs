using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>Tenant B cannot see or touch anything of tenant A's running app: every call reads as "not found".</summary>
public sealed class TenantIsolationTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _owner = null!;
    private HttpClient _intruder = null!;
    private string _app = null!;
    private string _deployment = null!;
    // Tenant networks are named after tenants and shared by every Berth on the engine: a name of its own keeps this test's apart.
    private readonly string _ownerName = "owner-" + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(portRangeSize: 4);
        _owner = await _berth.TenantAsync(_ownerName);
        _intruder = await _berth.TenantAsync("intruder");
        _app = BerthTestServer.UniqueAppId("mine");
        (await _owner.PostAsJsonAsync("/v1/apps", new { id = _app, image = "hello", memoryMb = 32, cpuShares = 128, drainSeconds = 0 })).EnsureSuccessStatusCode();
        (await _owner.PutAsJsonAsync($"/v1/apps/{_app}/config/SECRET", new { value = "owner-only", secret = true })).EnsureSuccessStatusCode();
        var deployed = await BerthTestServer.DeployAsync(_owner, _app, "v1", 1);
        Assert.True(deployed.GetProperty("state").GetString() == "succeeded", deployed.ToString());
        _deployment = deployed.GetProperty("id").GetString()!;
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    /// <summary>
    /// Every call on an app's resources. When the branches adding stats, events, logs and domains are merged,
    /// their calls belong in this list too.
    /// </summary>
    private IEnumerable<(HttpMethod Method, string Path, object? Body)> CallsOnTheApp() =>
    [
        (HttpMethod.Get, $"/v1/apps/{_app}", null),
        (HttpMethod.Delete, $"/v1/apps/{_app}", null),
        (HttpMethod.Get, $"/v1/apps/{_app}/deployments", null),
        (HttpMethod.Get, $"/v1/apps/{_app}/deployments/{_deployment}", null),
        (HttpMethod.Post, $"/v1/apps/{_app}/deployments", new { version = "v2", instances = 1 }),
        (HttpMethod.Put, $"/v1/apps/{_app}/scale", new { instances = 2 }),
        (HttpMethod.Post, $"/v1/apps/{_app}/rollback", null),
        (HttpMethod.Get, $"/v1/apps/{_app}/instances", null),
        (HttpMethod.Get, $"/v1/discovery/{_app}", null),
        (HttpMethod.Get, $"/v1/apps/{_app}/config", null),
        (HttpMethod.Get, $"/v1/apps/{_app}/config/SECRET", null),
        (HttpMethod.Put, $"/v1/apps/{_app}/config/SECRET", new { value = "stolen" }),
        (HttpMethod.Delete, $"/v1/apps/{_app}/config/SECRET", null),
        (HttpMethod.Get, $"/v1/tenants/{_ownerName}/tokens", null),
        (HttpMethod.Post, $"/v1/tenants/{_ownerName}/tokens", new { }),
        (HttpMethod.Get, $"/v1/apps/{_app}/stats", null),
        (HttpMethod.Get, $"/v1/apps/{_app}/events", null),
        (HttpMethod.Get, $"/v1/apps/{_app}/logs?tail=10", null),
        (HttpMethod.Get, $"/v1/apps/{_app}/domains", null),
        (HttpMethod.Post, $"/v1/apps/{_app}/domains", new { domain = $"{_app}.stolen.example" }),
        (HttpMethod.Get, $"/v1/apps/{_app}/traffic", null),
        (HttpMethod.Put, $"/v1/apps/{_app}/traffic", new { v1 = 100 }),
        (HttpMethod.Delete, $"/v1/apps/{_app}/traffic", null),
        (HttpMethod.Get, $"/v1/apps/{_app}/blacklist", null),
        (HttpMethod.Put, $"/v1/apps/{_app}/blacklist", new { entries = new[] { "127.0.0.1" } }),
    ];

    [Fact]
    public async Task OtherTenant_MappingADomainTheOwnerMapped_Is409AndRoutingStays()
    {
        var domain = $"{_app}.owned.example";
        await _berth.AddDomainAsync(_owner, _app, domain);
        var own = BerthTestServer.UniqueAppId("theirs");
        (await _intruder.PostAsJsonAsync("/v1/apps", new { id = own, image = "hello", memoryMb = 32, cpuShares = 128 })).EnsureSuccessStatusCode();

        var response = await _intruder.PostAsJsonAsync($"/v1/apps/{own}/domains", new { domain });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal([domain], (await _owner.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{_app}/domains") ?? []).Select(d => d.GetProperty("domain").GetString()));
        Assert.Empty(await _intruder.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{own}/domains") ?? []);
    }

    [Fact]
    public async Task OtherTenant_EveryCallOnTheApp_Is404LikeAMissingAppAndChangesNothing()
    {
        var missing = await _intruder.GetAsync($"/v1/apps/{_app}x");
        var missingDetail = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

        foreach (var (method, path, body) in CallsOnTheApp())
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await _intruder.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("owner-only", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(missingDetail.Replace($"{_app}x", _app), (await (await _intruder.GetAsync($"/v1/apps/{_app}")).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("detail").GetString());
        Assert.Empty(await _intruder.GetFromJsonAsync<JsonElement[]>("/v1/apps") ?? []);
        var mine = await _owner.GetFromJsonAsync<JsonElement>($"/v1/apps/{_app}", BerthTestServer.Json);
        Assert.Equal(("v1", 1), (mine.GetProperty("activeVersion").GetString(), mine.GetProperty("instances").GetInt32()));
        Assert.Single(await _owner.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{_app}/deployments") ?? []);
        Assert.Equal("owner-only", (await _owner.GetFromJsonAsync<JsonElement>($"/v1/apps/{_app}/config/SECRET")).GetProperty("value").GetString());
        Assert.StartsWith("hello v1", await (await _berth.ThroughGatewayAsync(_app)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OtherTenant_EveryRouteUnderTheApp_Is404EvenOnesAddedLater()
    {
        // Every endpoint the server maps under /v1/apps/{id}, found in its routing table rather than listed by hand.
        var routes = _berth.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/apps/{id}", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(routes.Count >= 25, $"only {routes.Count} routes under /v1/apps/{{id}}");

        foreach (var (method, pattern) in routes)
        {
            var path = pattern.Replace("{id}", _app).Replace("{deploymentId}", _deployment).Replace("{key}", "SECRET").Replace("{domain}", "x.example");
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { }) };
            var response = await _intruder.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {pattern} answered {(int)response.StatusCode}");
            Assert.Contains($"app '{_app}' was not found", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task RunningContainer_Inspected_HasEveryHardeningOptionAndTheTenantsNetwork()
    {
        var container = Assert.Single(await _berth.ContainersOfAsync(_app));

        var inspected = await Engine.InspectAsync(container.Id);

        var host = inspected.GetProperty("HostConfig");
        Assert.Contains("no-new-privileges:true", host.GetProperty("SecurityOpt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ALL"], host.GetProperty("CapDrop").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            ["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "NET_BIND_SERVICE", "SETGID", "SETUID"],
            host.GetProperty("CapAdd").EnumerateArray().Select(e => e.GetString()!.Replace("CAP_", "", StringComparison.Ordinal)).Order());
        Assert.Equal(512, host.GetProperty("PidsLimit").GetInt64());
        Assert.False(host.GetProperty("Privileged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, host.GetProperty("Binds").ValueKind);
        Assert.Empty(inspected.GetProperty("Mounts").EnumerateArray());
        var log = host.GetProperty("LogConfig");
        Assert.Equal(("json-file", "10m", "3"), (log.GetProperty("Type").GetString(),
            log.GetProperty("Config").GetProperty("max-size").GetString(), log.GetProperty("Config").GetProperty("max-file").GetString()));
        Assert.Equal((32L * 1024 * 1024, 128L), (host.GetProperty("Memory").GetInt64(), host.GetProperty("CpuShares").GetInt64()));
        Assert.False(host.GetProperty("ReadonlyRootfs").GetBoolean());
        Assert.Equal($"berth-t-{_ownerName}", host.GetProperty("NetworkMode").GetString());
        Assert.True(inspected.GetProperty("NetworkSettings").GetProperty("Networks").TryGetProperty($"berth-t-{_ownerName}", out _));
    }

    [Fact]
    public async Task ReadOnlyApp_Deployed_HasAReadOnlyRootWithWritableTmpAndStillServes()
    {
        var id = BerthTestServer.UniqueAppId("ro");
        (await _owner.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128, readOnlyRootFilesystem = true }))
            .EnsureSuccessStatusCode();

        var deployed = await BerthTestServer.DeployAsync(_owner, id, "v1", 1);

        Assert.Equal("succeeded", deployed.GetProperty("state").GetString());
        var host = (await Engine.InspectAsync(Assert.Single(await _berth.ContainersOfAsync(id)).Id)).GetProperty("HostConfig");
        Assert.True(host.GetProperty("ReadonlyRootfs").GetBoolean());
        Assert.StartsWith("rw,nosuid,nodev", host.GetProperty("Tmpfs").GetProperty("/tmp").GetString());
        // The sample writes /www/index.html at start, which a read-only root refuses; its health check still passes.
        Assert.Equal(HttpStatusCode.OK, (await _berth.ThroughGatewayAsync(id, "/_ping")).StatusCode);
        Assert.True((await _owner.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}", BerthTestServer.Json)).GetProperty("readOnlyRootFilesystem").GetBoolean());
    }

    [Fact]
    public async Task LastAppOfTenant_Deleted_RemovesTheTenantsNetwork()
    {
        Assert.Contains($"berth-t-{_ownerName}", await Engine.NetworksAsync(_ownerName));
        Assert.Equal(HttpStatusCode.NoContent, (await _owner.DeleteAsync($"/v1/apps/{_app}")).StatusCode);

        Assert.DoesNotContain($"berth-t-{_ownerName}", await Engine.NetworksAsync(_ownerName));
    }
}
