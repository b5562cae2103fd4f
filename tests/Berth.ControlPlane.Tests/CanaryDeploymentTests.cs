using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Discovery;
using Berth.Core.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests;

/// <summary>Canary deployments through the API on real containers: beside the active version, then promoted or aborted.</summary>
public sealed class CanaryDeploymentTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Promote_CanaryBesideTwoOfV1_V2ActiveWithTwoInstancesKeepingTheCanary()
    {
        var tenant = await _berth.TenantAsync("promoters");
        var id = await DeployHelloAsync(tenant, "promote", 2);
        var canary = await StartCanaryAsync(tenant, id);

        // Both versions run and are registered; a reconcile pass keeps the canary, as wanted as v1.
        await _berth.Server.Services.GetRequiredService<Reconciler>().ReconcileAsync(launch: true, CancellationToken.None);
        Assert.Equal(["v1", "v1", "v2"], await ContainerVersionsAsync(id));
        Assert.Equal(["v1", "v1", "v2"], await DiscoveryVersionsAsync(tenant, id));
        var app = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}");
        Assert.Equal(("v1", 2, "v2", 1), (app.GetProperty("activeVersion").GetString(), app.GetProperty("instances").GetInt32(),
            app.GetProperty("canaryVersion").GetString(), app.GetProperty("canaryInstances").GetInt32()));
        var canaryContainer = (await _berth.ContainersOfAsync(id)).Single(c => c.Labels[BerthLabels.Version] == "v2").Id;

        var promoted = await BerthTestServer.WaitAsync(tenant, await tenant.PostAsync($"/v1/apps/{id}/deployments/{canary}/promote", null));

        Assert.Equal(("succeeded", "v2", 2), (promoted.GetProperty("state").GetString(), promoted.GetProperty("version").GetString(), promoted.GetProperty("instances").GetInt32()));
        Assert.Equal(["v2", "v2"], await ContainerVersionsAsync(id));
        Assert.Contains(canaryContainer, (await _berth.ContainersOfAsync(id)).Select(c => c.Id));
        Assert.Equal(["v2", "v2"], await DiscoveryVersionsAsync(tenant, id));
        app = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}");
        Assert.Equal(("v2", "v1", 2, JsonValueKind.Null), (app.GetProperty("activeVersion").GetString(), app.GetProperty("previousVersion").GetString(),
            app.GetProperty("instances").GetInt32(), app.GetProperty("canaryVersion").ValueKind));
        Assert.StartsWith("hello v2 ", await TextAsync(_berth.Gateway, $"{id}.localhost"));
        Assert.Contains("runs no canary", await ProblemAsync(await tenant.PostAsync($"/v1/apps/{id}/deployments/{canary}/promote", null), HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Abort_CanaryWithTrafficSplit_RemovesItAndLeavesV1Untouched()
    {
        var tenant = await _berth.TenantAsync("aborters");
        var id = await DeployHelloAsync(tenant, "abort", 1);
        var v1Container = (await _berth.ContainersOfAsync(id)).Single().Id;
        var canary = await StartCanaryAsync(tenant, id);
        Assert.Equal(HttpStatusCode.OK, (await tenant.PutAsJsonAsync($"/v1/apps/{id}/traffic", new { v1 = 90, v2 = 10 })).StatusCode);
        Assert.Equal(["v1", "v2"], await DiscoveryVersionsAsync(tenant, id));

        var response = await tenant.PostAsync($"/v1/apps/{id}/deployments/{canary}/abort", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("aborted: 1 canary instance(s) of v2 removed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal([v1Container], (await _berth.ContainersOfAsync(id)).Select(c => c.Id));
        Assert.Equal(["v1"], await DiscoveryVersionsAsync(tenant, id));
        var app = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}");
        Assert.Equal(("v1", 1, JsonValueKind.Null, 0), (app.GetProperty("activeVersion").GetString(), app.GetProperty("instances").GetInt32(),
            app.GetProperty("canaryVersion").ValueKind, app.GetProperty("canaryInstances").GetInt32()));
        var traffic = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/traffic");
        Assert.Equal(["v1"], traffic.GetProperty("weights").EnumerateObject().Select(w => w.Name));
        for (var i = 0; i < 20; i++)
        {
            Assert.StartsWith("hello v1 ", await TextAsync(_berth.Gateway, $"{id}.localhost"));
        }

        Assert.Contains("runs no canary", await ProblemAsync(await tenant.PostAsync($"/v1/apps/{id}/deployments/{canary}/abort", null), HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Deploy_CanaryRequestsThatCannotWork_ProblemDetailsWithReason()
    {
        var tenant = await _berth.TenantAsync("canaryrules");
        var fresh = await CreateHelloAppAsync(tenant, "fresh");
        Assert.Contains("no active version", await ProblemAsync(await PostDeploymentAsync(tenant, fresh, "v1", "canary"), HttpStatusCode.Conflict));

        var id = await DeployHelloAsync(tenant, "rules", 1);
        var rolling = (await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/deployments"))![0].GetProperty("id").GetString();
        Assert.Contains("strategy must be rolling", await ProblemAsync(await PostDeploymentAsync(tenant, id, "v2", "blue-green"), HttpStatusCode.BadRequest));
        Assert.Contains("active version", await ProblemAsync(await PostDeploymentAsync(tenant, id, "v1", "canary"), HttpStatusCode.Conflict));
        Assert.Contains("only a canary", await ProblemAsync(await tenant.PostAsync($"/v1/apps/{id}/deployments/{rolling}/promote", null), HttpStatusCode.Conflict));
        Assert.Contains("was not found", await ProblemAsync(await tenant.PostAsync($"/v1/apps/{id}/deployments/d-nothing/abort", null), HttpStatusCode.NotFound));
        var stranger = await _berth.TenantAsync("canarystrangers");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/v1/apps/{id}/deployments/{rolling}/abort", null)).StatusCode);
        Assert.Equal(["v1"], await ContainerVersionsAsync(id));
    }

    private static Task<HttpResponseMessage> PostDeploymentAsync(HttpClient tenant, string id, string version, string strategy) =>
        tenant.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version, instances = 1, strategy });

    /// <summary>Deploys one canary instance of v2 and returns its deployment's id.</summary>
    private static async Task<string> StartCanaryAsync(HttpClient tenant, string id)
    {
        var response = await PostDeploymentAsync(tenant, id, "v2", "canary");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var canary = await BerthTestServer.WaitAsync(tenant, response);
        Assert.Equal("succeeded", canary.GetProperty("state").GetString());
        return canary.GetProperty("id").GetString()!;
    }

    private async Task<List<string>> ContainerVersionsAsync(string id) =>
        [.. (await _berth.ContainersOfAsync(id)).Select(c => c.Labels[BerthLabels.Version]).Order(StringComparer.Ordinal)];

    private static async Task<List<string>> DiscoveryVersionsAsync(HttpClient tenant, string id) =>
        [.. (await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/discovery/{id}"))!
            .Select(e => ServiceKeys.TryParseAddress(e.GetProperty("key").GetString()!, out _, out var version, out _) ? version : "?")
            .Order(StringComparer.Ordinal)];
}
