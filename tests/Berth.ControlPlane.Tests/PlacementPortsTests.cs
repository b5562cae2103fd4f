using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>A host with a single port: the port stays taken while its container exists, and comes back once it is removed.</summary>
public sealed class PlacementPortsTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(portRangeSize: 1);
        _tenant = await _berth.TenantAsync("oneport");
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private async Task<string> CreateAppAsync()
    {
        var id = BerthTestServer.UniqueAppId("port");
        var response = await _tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128, drainSeconds = 0 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    [Fact]
    public async Task Port_HeldByARunningContainer_IsNotHandedOutUntilTheContainerIsRemoved()
    {
        var first = await CreateAppAsync();
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(_tenant, first, "v1", 1)).GetProperty("state").GetString());
        var port = _berth.Options.LocalPortRange.Split('-')[0];

        // A new version needs a second port before the old container stops: there is none.
        var rollout = await BerthTestServer.DeployAsync(_tenant, first, "v2", 1);
        var other = await CreateAppAsync();
        var blocked = await BerthTestServer.DeployAsync(_tenant, other, "v1", 1);

        Assert.Equal("failed", rollout.GetProperty("state").GetString());
        Assert.Contains($"no free port in {port}-{port}", rollout.GetProperty("reason").GetString());
        Assert.Equal("failed", blocked.GetProperty("state").GetString());
        Assert.StartsWith("hello v1", await (await _berth.ThroughGatewayAsync(first)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.DeleteAsync($"/v1/apps/{first}")).StatusCode);
        Assert.Empty(await _berth.ContainersOfAsync(first));
        var reused = await BerthTestServer.DeployAsync(_tenant, other, "v1", 1);

        Assert.Equal("succeeded", reused.GetProperty("state").GetString());
        var instance = Assert.Single(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{other}/instances", BerthTestServer.Json) ?? []);
        Assert.EndsWith($":{port}", instance.GetProperty("address").GetString());
    }
}
