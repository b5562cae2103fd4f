using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>Stopping Berth and starting it on the same data folder loses nothing.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Restart_SameDataFolder_KeepsAppsConfigTokensAndServing()
    {
        var tenant = await _berth.TenantAsync("durable");
        var id = BerthTestServer.UniqueAppId("keep");
        (await tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128 })).EnsureSuccessStatusCode();
        (await tenant.PutAsJsonAsync($"/v1/apps/{id}/config/COLOR", new { value = "blue" })).EnsureSuccessStatusCode();
        (await tenant.PutAsJsonAsync($"/v1/apps/{id}/config/TOKEN", new { value = "s3cret", secret = true })).EnsureSuccessStatusCode();
        await BerthTestServer.DeployAsync(tenant, id, "v1", 2);
        var containers = (await _berth.ContainersOfAsync(id)).Select(c => c.Id).Order().ToList();

        await _berth.RestartAsync();

        Assert.Equal("blue", (await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/config/COLOR")).GetProperty("value").GetString());
        Assert.Equal("s3cret", (await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/config/TOKEN")).GetProperty("value").GetString());
        Assert.Equal(2, (await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/discovery/{id}") ?? []).Length);
        Assert.Equal(containers, (await _berth.ContainersOfAsync(id)).Select(c => c.Id).Order().ToList());
        var response = await _berth.ThroughGatewayAsync(id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("hello v1", await response.Content.ReadAsStringAsync());
    }
}
