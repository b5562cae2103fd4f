using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>An app's placement rules through the API on a one-host Berth: validation, how they read back, and refusals with reasons.</summary>
public sealed class PlacementTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(portRangeSize: 4);
        _tenant = await _berth.TenantAsync("placers");
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private async Task<string> CreateAsync(object placement)
    {
        var id = BerthTestServer.UniqueAppId("pl");
        var body = JsonSerializer.SerializeToElement(placement, BerthTestServer.Json).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object)p.Value);
        body["id"] = id;
        body["image"] = "hello";
        body["memoryMb"] = 32;
        body["cpuShares"] = 128;
        body["drainSeconds"] = 0;
        var response = await _tenant.PostAsJsonAsync("/v1/apps", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }

    [Fact]
    public async Task CreateApp_PlacementFields_ReadBackAsGiven()
    {
        var db = await CreateAsync(new { });
        var id = await CreateAsync(new
        {
            strategy = "binpack",
            constraints = new[] { "labels.disk == ssd", " labels.zone in (a, b) " },
            affinity = new { with = db },
            spread = "host",
            spreadMode = "soft",
        });

        var app = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}", BerthTestServer.Json);

        Assert.Equal("binpack", app.GetProperty("strategy").GetString());
        Assert.Equal(["labels.disk == ssd", "labels.zone in (a, b)"], app.GetProperty("constraints").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(db, app.GetProperty("affinity").GetProperty("with").GetString());
        Assert.Equal("host", app.GetProperty("spread").GetString());
        Assert.Equal("soft", app.GetProperty("spreadMode").GetString());
        Assert.False(app.GetProperty("global").GetBoolean());
    }

    [Fact]
    public async Task CreateApp_NoPlacementFields_DefaultsAndOldRequestsStayValid()
    {
        var id = await CreateAsync(new { });

        var app = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}", BerthTestServer.Json);

        Assert.Equal(JsonValueKind.Null, app.GetProperty("strategy").ValueKind);
        Assert.Empty(app.GetProperty("constraints").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, app.GetProperty("spread").ValueKind);
    }

    [Fact]
    public async Task CreateApp_BadPlacementFields_Is400WithEachReason()
    {
        var response = await _tenant.PostAsJsonAsync("/v1/apps", new
        {
            id = BerthTestServer.UniqueAppId("bad"),
            strategy = "random",
            constraints = new[] { "labels.ok", "labels.disk = ssd" },
            affinity = new { with = "Not An App" },
            spread = "rack",
            spreadMode = "sometimes",
            instances = 3,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal(["affinity.with", "constraints[1]", "instances", "spread", "spreadMode", "strategy"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("expected '==', '!=', 'in (…)'", errors.GetProperty("constraints[1]")[0].GetString());
        Assert.Contains("spread, idle-cpu, binpack", errors.GetProperty("strategy")[0].GetString());
    }

    [Fact]
    public async Task Deploy_NoHostHasTheLabel_FailsNamingTheHostAndReason()
    {
        var id = await CreateAsync(new { constraints = new[] { "labels.disk == ssd" } });

        var failed = await BerthTestServer.DeployAsync(_tenant, id, "v1", 1);

        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Equal($"no host can take an instance of {id}: local: has no label disk (labels.disk == ssd)", failed.GetProperty("reason").GetString());
        Assert.Empty(await _berth.ContainersOfAsync(id));
    }

    [Fact]
    public async Task Deploy_HardSpreadMoreInstancesThanHosts_FailsClearlyAndStartsNothing()
    {
        var id = await CreateAsync(new { spread = "host" });

        var failed = await BerthTestServer.DeployAsync(_tenant, id, "v1", 2);

        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Contains($"only 1 of 2 instance(s) of {id} fit; no host can take another: local: already runs an instance of {id} v1 (spread: host, hard)",
            failed.GetProperty("reason").GetString());
        Assert.Empty(await _berth.ContainersOfAsync(id));
    }

    [Fact]
    public async Task Deploy_SoftSpreadMoreInstancesThanHosts_SharesTheHost()
    {
        var id = await CreateAsync(new { spread = "host", spreadMode = "soft" });

        var done = await BerthTestServer.DeployAsync(_tenant, id, "v1", 2);

        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(2, (await _berth.ContainersOfAsync(id)).Count);
    }

    [Fact]
    public async Task Deploy_AffinityWithAnAppThatRunsNowhere_FailsSayingSo()
    {
        var nowhere = await CreateAsync(new { });
        var id = await CreateAsync(new { affinity = new { with = nowhere } });

        var failed = await BerthTestServer.DeployAsync(_tenant, id, "v1", 1);

        Assert.Equal($"no host can take an instance of {id}: local: runs no instance of {nowhere} (affinity)", failed.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task CreateApp_AffinityWithAnotherTenantsOrAMissingApp_Is404AsForAnyOtherTenantsApp()
    {
        var neighbour = await _berth.TenantAsync("neighbour");
        var theirs = BerthTestServer.UniqueAppId("theirs");
        (await neighbour.PostAsJsonAsync("/v1/apps", new { id = theirs, image = "hello" })).EnsureSuccessStatusCode();

        var beside = await _tenant.PostAsJsonAsync("/v1/apps", new { id = BerthTestServer.UniqueAppId("pl"), image = "hello", affinity = new { with = theirs } });
        var missing = await _tenant.PostAsJsonAsync("/v1/apps", new { id = BerthTestServer.UniqueAppId("pl"), image = "hello", affinity = new { with = theirs + "x" } });

        Assert.Equal(HttpStatusCode.NotFound, beside.StatusCode);
        Assert.Contains($"app '{theirs}' was not found", await beside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await _tenant.GetFromJsonAsync<JsonElement[]>("/v1/apps") ?? []);
    }

    [Fact]
    public async Task Deploy_GlobalApp_OneInstancePerHostWhateverCountIsAsked()
    {
        var id = await CreateAsync(new { instances = "global" });

        var done = await BerthTestServer.DeployAsync(_tenant, id, "v1", 3);

        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(1, done.GetProperty("instances").GetInt32());
        Assert.Single(await _berth.ContainersOfAsync(id));
        Assert.True((await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}", BerthTestServer.Json)).GetProperty("global").GetBoolean());
    }
}
