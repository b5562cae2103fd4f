using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests;

/// <summary>The config API: set, read, follow with a blocking query, secrets, and config reaching containers.</summary>
public sealed class ConfigTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private string _app = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync();
        _tenant = await _berth.TenantAsync("configurers");
        _app = BerthTestServer.UniqueAppId("cfg");
        (await _tenant.PostAsJsonAsync("/v1/apps", new { id = _app, image = "hello", memoryMb = 32, cpuShares = 128, env = new Dictionary<string, string> { ["GREETING"] = "from-env", ["KEEP"] = "kept" } }))
            .EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private Task<HttpResponseMessage> PutAsync(string key, string value, bool secret = false) =>
        _tenant.PutAsJsonAsync($"/v1/apps/{_app}/config/{key}", new { value, secret });

    [Fact]
    public async Task Config_SetGetListDelete_RoundTrips()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("COLOR", "blue")).StatusCode);

        var entry = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{_app}/config/COLOR");
        Assert.Equal("blue", entry.GetProperty("value").GetString());
        var list = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{_app}/config");
        Assert.Equal("COLOR", Assert.Single(list.GetProperty("entries").EnumerateArray().ToArray()).GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.DeleteAsync($"/v1/apps/{_app}/config/COLOR")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.GetAsync($"/v1/apps/{_app}/config/COLOR")).StatusCode);
    }

    [Fact]
    public async Task Config_Secret_IsMaskedInTheListAndEncryptedInDiscovery()
    {
        await PutAsync("DB_PASSWORD", "hunter2", secret: true);

        var list = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{_app}/config");
        var listed = Assert.Single(list.GetProperty("entries").EnumerateArray().ToArray());
        Assert.True(listed.GetProperty("secret").GetBoolean());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("value").ValueKind);
        Assert.DoesNotContain("hunter2", await _tenant.GetStringAsync($"/v1/apps/{_app}/config"));
        var stored = await _berth.Server.Services.GetService<Core.Discovery.IDiscoveryStore>()!
            .GetPrefixAsync($"/caas/config/{_app}/", CancellationToken.None);
        Assert.DoesNotContain("hunter2", Assert.Single(stored.Entries).Value);
        Assert.Equal("hunter2", (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{_app}/config/DB_PASSWORD")).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Config_BlockingQuery_ReturnsWhenTheConfigChanges()
    {
        var first = await _tenant.GetAsync($"/v1/apps/{_app}/config");
        var index = long.Parse(first.Headers.GetValues("X-Berth-Index").Single());

        var clock = Stopwatch.StartNew();
        var waiting = _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{_app}/config?waitIndex={index}&wait=20s");
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await PutAsync("FLAG", "on");

        var changed = await waiting;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.True(changed.GetProperty("index").GetInt64() > index);
        Assert.Equal("on", Assert.Single(changed.GetProperty("entries").EnumerateArray().ToArray()).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Config_BadKeyOrWait_Is400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync("not-an-env-name", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _tenant.GetAsync($"/v1/apps/{_app}/config?waitIndex=1&wait=forever")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _tenant.PutAsJsonAsync($"/v1/apps/{_app}/config/K", new { secret = true })).StatusCode);
    }

    [Fact]
    public async Task Config_OtherTenant_Is404()
    {
        await PutAsync("COLOR", "blue");
        var other = await _berth.TenantAsync("snoopers");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/apps/{_app}/config")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/apps/{_app}/config/COLOR")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/v1/apps/{_app}/config/COLOR", new { value = "red" })).StatusCode);
        Assert.Equal("blue", (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{_app}/config/COLOR")).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Deploy_WithConfig_NewContainersGetItAsEnvironment()
    {
        await PutAsync("GREETING", "from-config");
        await PutAsync("TOKEN", "s3cret", secret: true);

        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(_tenant, _app, "v1", 1)).GetProperty("state").GetString());

        var env = await Engine.EnvAsync(Assert.Single(await _berth.ContainersOfAsync(_app)).Id);
        Assert.Equal("from-config", env["GREETING"]);
        Assert.Equal("s3cret", env["TOKEN"]);
        Assert.Equal("kept", env["KEEP"]);
    }
}
