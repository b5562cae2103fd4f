using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>
/// Per-tenant quotas on the real API: the admin sets them, a tenant reads its own, and every request that would take
/// more than its tenant may hold is refused with what is exceeded, its limit, what is in use and what was asked.
/// </summary>
public sealed class QuotaTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 4);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Quota_AdminSetsTenantReadsOwn_OthersCannot()
    {
        var tenant = await _berth.TenantAsync("quota-reader");
        var other = await _berth.TenantAsync("quota-other");

        var defaults = await tenant.GetFromJsonAsync<JsonElement>("/v1/tenants/quota-reader/quota");
        Assert.True(defaults.GetProperty("isDefault").GetBoolean());
        Assert.Equal(_berth.Options.DefaultQuota.Ports, defaults.GetProperty("limit").GetProperty("ports").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.PutAsJsonAsync("/v1/tenants/quota-reader/quota", new { ports = 1000 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/v1/tenants/quota-reader/quota")).StatusCode);
        Assert.Contains("'disks' is not a quota", await ProblemAsync(await _berth.Admin.PutAsJsonAsync("/v1/tenants/quota-reader/quota", new { disks = 1 }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NotFound, (await _berth.Admin.PutAsJsonAsync("/v1/tenants/nobody/quota", new { apps = 1 })).StatusCode);

        var set = await _berth.Admin.PutAsJsonAsync("/v1/tenants/quota-reader/quota", new { apps = 3, ports = 7 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var own = await tenant.GetFromJsonAsync<JsonElement>("/v1/tenants/quota-reader/quota");
        Assert.False(own.GetProperty("isDefault").GetBoolean());
        Assert.Equal(3, own.GetProperty("limit").GetProperty("apps").GetInt32());
        Assert.Equal(7, own.GetProperty("limit").GetProperty("ports").GetInt32());
        Assert.Equal(_berth.Options.DefaultQuota.Instances, own.GetProperty("limit").GetProperty("instances").GetInt32());
    }

    [Fact]
    public async Task CreateApp_PastTheAppsQuota_403NamesLimitInUseAsked()
    {
        var tenant = await _berth.TenantAsync("quota-apps");
        await SetAsync("quota-apps", new { apps = 1 });
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync("/v1/apps", new { id = BerthTestServer.UniqueAppId("first") })).StatusCode);

        var refused = await tenant.PostAsJsonAsync("/v1/apps", new { id = BerthTestServer.UniqueAppId("second") });

        await AssertExceededAsync(refused, "apps", limit: 1, inUse: 1, asked: 1);
    }

    [Fact]
    public async Task Deploy_PastTheInstancesMemoryOrPortsQuota_403AndNothingStarts()
    {
        var tenant = await _berth.TenantAsync("quota-deploy");
        var app = BerthTestServer.UniqueAppId("sized");
        (await tenant.PostAsJsonAsync("/v1/apps", new { id = app, image = "hello", memoryMb = 64, cpuShares = 128 })).EnsureSuccessStatusCode();

        await SetAsync("quota-deploy", new { instances = 2 });
        await AssertExceededAsync(await DeployAsync(tenant, app, 3), "instances", limit: 2, inUse: 0, asked: 3);
        await SetAsync("quota-deploy", new { instances = 10, memoryMb = 128 });
        await AssertExceededAsync(await DeployAsync(tenant, app, 3), "memoryMb", limit: 128, inUse: 0, asked: 192);
        // One tenant cannot take every host port: each instance holds one.
        await SetAsync("quota-deploy", new { memoryMb = 4096, ports = 2 });
        await AssertExceededAsync(await DeployAsync(tenant, app, 3), "ports", limit: 2, inUse: 0, asked: 3);

        Assert.Empty((await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/deployments"))!);
    }

    [Fact]
    public async Task ServiceAndDomain_PastTheirQuotas_403()
    {
        var tenant = await _berth.TenantAsync("quota-misc");
        var app = BerthTestServer.UniqueAppId("named");
        (await tenant.PostAsJsonAsync("/v1/apps", new { id = app })).EnsureSuccessStatusCode();
        await SetAsync("quota-misc", new { services = 0, domains = 1 });

        await AssertExceededAsync(
            await tenant.PostAsJsonAsync("/v1/services", new { name = BerthTestServer.UniqueAppId("db"), type = "redis" }), "services", limit: 0, inUse: 0, asked: 1);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync($"/v1/apps/{app}/domains", new { domain = $"a.{app}.example.com" })).StatusCode);
        await AssertExceededAsync(
            await tenant.PostAsJsonAsync($"/v1/apps/{app}/domains", new { domain = $"b.{app}.example.com" }), "domains", limit: 1, inUse: 1, asked: 1);
    }

    [Fact]
    public async Task DeployProject_PastTheInstancesQuota_403AndNoAppMade()
    {
        var tenant = await _berth.TenantAsync("quota-project");
        await SetAsync("quota-project", new { instances = 3 });
        var name = BerthTestServer.UniqueAppId("proj");
        const string compose = "services:\n  web:\n    image: hello:v1\n    expose: [8080]\n    deploy:\n      replicas: 2\n  kv:\n    image: hello:v1\n    expose: [8080]\n    deploy:\n      replicas: 2\n";

        var refused = await tenant.PutAsync($"/v1/projects/{name}", new StringContent(compose, System.Text.Encoding.UTF8, "application/yaml"));

        await AssertExceededAsync(refused, "instances", limit: 3, inUse: 0, asked: 4);
        Assert.Empty((await tenant.GetFromJsonAsync<JsonElement[]>("/v1/apps"))!);
    }

    private async Task SetAsync(string tenant, object quota) =>
        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.PutAsJsonAsync($"/v1/tenants/{tenant}/quota", quota)).StatusCode);

    private static Task<HttpResponseMessage> DeployAsync(HttpClient tenant, string app, int instances) =>
        tenant.PostAsJsonAsync($"/v1/apps/{app}/deployments", new { version = "v1", instances });

    private static async Task AssertExceededAsync(HttpResponseMessage response, string quota, int limit, int inUse, int asked)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(
            (quota, limit, inUse, asked),
            (problem.GetProperty("quota").GetString(), problem.GetProperty("limit").GetInt32(), problem.GetProperty("inUse").GetInt32(), problem.GetProperty("asked").GetInt32()));
        Assert.Contains($"its {quota} quota: limit {limit}, in use {inUse}, asked {asked}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString() ?? "";
    }
}
