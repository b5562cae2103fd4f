using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>Deployments that go wrong, and rollback.</summary>
public sealed class DeploymentTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(portRangeSize: 3);
        _tenant = await _berth.TenantAsync("deployers");
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private async Task<string> CreateHelloAppAsync()
    {
        var id = BerthTestServer.UniqueAppId("dep");
        var response = await _tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128, drainSeconds = 0 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    [Fact]
    public async Task Deploy_MissingImage_FailsWithReasonAndPreviousVersionKeepsServing()
    {
        var id = await CreateHelloAppAsync();
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(_tenant, id, "v1", 1)).GetProperty("state").GetString());

        var failed = await BerthTestServer.DeployAsync(_tenant, id, "no-such-version", 1);

        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Contains("127.0.0.1:5000/hello:no-such-version", failed.GetProperty("reason").GetString());
        Assert.StartsWith("hello v1 from", await (await _berth.ThroughGatewayAsync(id)).Content.ReadAsStringAsync());
        var app = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}", BerthTestServer.Json);
        Assert.Equal("v1", app.GetProperty("activeVersion").GetString());
        Assert.Single(await _berth.ContainersOfAsync(id));
    }

    [Fact]
    public async Task Deploy_MorePortsThanTheRangeHolds_FailsClearlyAndLeavesNothing()
    {
        var id = await CreateHelloAppAsync();

        var failed = await BerthTestServer.DeployAsync(_tenant, id, "v1", 4);

        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Contains("no free port", failed.GetProperty("reason").GetString());
        Assert.Empty(await _berth.ContainersOfAsync(id));
        Assert.Empty(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/instances", BerthTestServer.Json) ?? []);
        Assert.Empty(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/discovery/{id}", BerthTestServer.Json) ?? []);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _berth.ThroughGatewayAsync(id)).StatusCode);
    }

    [Fact]
    public async Task Rollback_AfterNewVersion_ServesThePreviousVersionAgain()
    {
        var id = await CreateHelloAppAsync();
        await BerthTestServer.DeployAsync(_tenant, id, "v1", 1);
        await BerthTestServer.DeployAsync(_tenant, id, "v2", 1);
        Assert.StartsWith("hello v2", await (await _berth.ThroughGatewayAsync(id)).Content.ReadAsStringAsync());

        var rollback = await _tenant.PostAsync($"/v1/apps/{id}/rollback", null);

        Assert.Equal(HttpStatusCode.Accepted, rollback.StatusCode);
        var done = await BerthTestServer.WaitAsync(_tenant, rollback);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal("v1", done.GetProperty("version").GetString());
        Assert.StartsWith("hello v1", await (await _berth.ThroughGatewayAsync(id)).Content.ReadAsStringAsync());
        var app = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}", BerthTestServer.Json);
        Assert.Equal("v2", app.GetProperty("previousVersion").GetString());
    }

    [Fact]
    public async Task Scale_Up_AddsInstancesOfTheActiveVersion()
    {
        var id = await CreateHelloAppAsync();
        await BerthTestServer.DeployAsync(_tenant, id, "v1", 1);

        var scale = await _tenant.PutAsJsonAsync($"/v1/apps/{id}/scale", new { instances = 2 });

        Assert.Equal("succeeded", (await BerthTestServer.WaitAsync(_tenant, scale)).GetProperty("state").GetString());
        Assert.Equal(2, (await _berth.ContainersOfAsync(id)).Count);
        Assert.Equal(2, (await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/discovery/{id}", BerthTestServer.Json) ?? []).Length);
    }
}
