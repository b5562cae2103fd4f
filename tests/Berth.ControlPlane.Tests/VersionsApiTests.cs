using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests;

/// <summary><c>GET /v1/apps/{id}/versions</c> against the shared open registry, where the sample image was pushed.</summary>
public sealed class VersionsApiTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Versions_OpenRegistry_TagsNewestFirstActiveMarkedStrangersNotFound()
    {
        var tenant = await _berth.TenantAsync("versions");
        var id = await DeployHelloAsync(tenant, "versions", 1);

        var view = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/versions", BerthTestServer.Json);

        Assert.Equal("127.0.0.1:5000/hello", view.GetProperty("repository").GetString());
        Assert.Equal("v1", view.GetProperty("activeVersion").GetString());
        var versions = view.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ToList();
        Assert.True(versions.IndexOf("v2") >= 0 && versions.IndexOf("v2") < versions.IndexOf("v1"), string.Join(", ", versions));
        var active = view.GetProperty("versions").EnumerateArray().Where(v => v.GetProperty("active").GetBoolean()).ToList();
        Assert.Equal("v1", Assert.Single(active).GetProperty("version").GetString());

        var stranger = await _berth.TenantAsync("versions-strangers");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/apps/{id}/versions")).StatusCode);
    }

    [Fact]
    public async Task Versions_NothingPushedYet_Empty()
    {
        var tenant = await _berth.TenantAsync("unpushed");
        var id = BerthTestServer.UniqueAppId("unpushed");
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync("/v1/apps", new { id, memoryMb = 32 })).StatusCode);

        var view = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/versions", BerthTestServer.Json);

        Assert.Empty(view.GetProperty("versions").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("activeVersion").ValueKind);
    }

    [Fact]
    public async Task Versions_RegistryUnreachable_BadGatewayWithReason()
    {
        await using var cut = await BerthTestServer.StartAsync(configure: options => options.Registry = "127.0.0.1:9");
        var tenant = await cut.TenantAsync("cut");
        var id = await CreateHelloAppAsync(tenant, "cut");

        var detail = await ProblemAsync(await tenant.GetAsync($"/v1/apps/{id}/versions"), HttpStatusCode.BadGateway);

        Assert.Contains("registry 127.0.0.1:9", detail, StringComparison.Ordinal);
    }
}
