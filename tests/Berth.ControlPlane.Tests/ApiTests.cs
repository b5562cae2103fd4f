using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>Authentication, tenancy and validation of the API: clear errors, never a stack trace.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [Fact]
    public async Task AnyCall_WithoutToken_Is401Problem()
    {
        var problem = await ProblemAsync(await _berth.Client(null).GetAsync("/v1/apps"), HttpStatusCode.Unauthorized);

        Assert.Contains("bearer token", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Me_TenantAndAdminTokens_SayWhoTheyAre()
    {
        var tenant = await _berth.TenantAsync("whoami");

        var me = await tenant.GetFromJsonAsync<JsonElement>("/v1/me");
        var admin = await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/me");

        Assert.Equal("whoami", me.GetProperty("tenant").GetString());
        Assert.False(me.GetProperty("admin").GetBoolean());
        Assert.True(admin.GetProperty("admin").GetBoolean());
    }

    [Fact]
    public async Task AnyCall_WithUnknownToken_Is401()
    {
        var response = await _berth.Client("berth_not-a-real-token").GetAsync("/v1/apps");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CreateApp_InvalidId_Is400WithReason()
    {
        var tenant = await _berth.TenantAsync("validators");

        var problem = await ProblemAsync(await tenant.PostAsJsonAsync("/v1/apps", new { id = "Not_A_Label" }), HttpStatusCode.BadRequest);

        Assert.Contains("DNS label", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task CreateApp_MalformedJson_Is400Problem()
    {
        var tenant = await _berth.TenantAsync("jsonbreakers");

        var response = await tenant.PostAsync("/v1/apps", new StringContent("{\"id\": ", Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateApp_Defaults_AreThoseOfTheSpec()
    {
        var tenant = await _berth.TenantAsync("defaults");
        var id = BerthTestServer.UniqueAppId("def");

        var response = await tenant.PostAsJsonAsync("/v1/apps", new { id });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var app = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8080, app.GetProperty("port").GetInt32());
        Assert.Equal(512, app.GetProperty("memoryMb").GetInt32());
        Assert.Equal(1024, app.GetProperty("cpuShares").GetInt32());
        Assert.Equal("/_ping", app.GetProperty("healthCheck").GetProperty("path").GetString());
        Assert.Equal(3, app.GetProperty("healthCheck").GetProperty("retries").GetInt32());
        Assert.Equal("restart", app.GetProperty("onFailure").GetString());
        Assert.Equal(2, app.GetProperty("drainSeconds").GetInt32());
    }

    [Fact]
    public async Task CreateApp_IdTakenByAnotherTenant_Is409()
    {
        var first = await _berth.TenantAsync("first");
        var second = await _berth.TenantAsync("second");
        var id = BerthTestServer.UniqueAppId("taken");
        await first.PostAsJsonAsync("/v1/apps", new { id });

        await ProblemAsync(await second.PostAsJsonAsync("/v1/apps", new { id }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OtherTenantsApp_EveryCall_Is404AndNothingChanges()
    {
        var owner = await _berth.TenantAsync("owner");
        var intruder = await _berth.TenantAsync("intruder");
        var id = BerthTestServer.UniqueAppId("private");
        await owner.PostAsJsonAsync("/v1/apps", new { id });

        await ProblemAsync(await intruder.GetAsync($"/v1/apps/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await intruder.DeleteAsync($"/v1/apps/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await intruder.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v1", instances = 1 }), HttpStatusCode.NotFound);
        await ProblemAsync(await intruder.GetAsync($"/v1/apps/{id}/instances"), HttpStatusCode.NotFound);
        await ProblemAsync(await intruder.GetAsync($"/v1/discovery/{id}"), HttpStatusCode.NotFound);
        Assert.Empty(await intruder.GetFromJsonAsync<JsonElement[]>("/v1/apps") ?? []);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/v1/apps/{id}")).StatusCode);
    }

    [Fact]
    public async Task AdminCalls_WithTenantToken_Are403()
    {
        var tenant = await _berth.TenantAsync("plain");

        await ProblemAsync(await tenant.GetAsync("/v1/hosts"), HttpStatusCode.Forbidden);
        await ProblemAsync(await tenant.PostAsJsonAsync("/v1/tenants", new { name = "sneaky" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Hosts_AsAdmin_ShowTheLocalEngineWithCapacity()
    {
        var hosts = await _berth.Admin.GetFromJsonAsync<JsonElement[]>("/v1/hosts") ?? [];

        var local = Assert.Single(hosts);
        Assert.Equal("local", local.GetProperty("name").GetString());
        Assert.True(local.GetProperty("memoryMb").GetInt64() > 0);
        Assert.True(local.GetProperty("cpuShares").GetInt64() >= 1024);
    }

    [Fact]
    public async Task Deploy_BadVersionOrCount_Is400()
    {
        var tenant = await _berth.TenantAsync("counters");
        var id = BerthTestServer.UniqueAppId("cnt");
        await tenant.PostAsJsonAsync("/v1/apps", new { id });

        await ProblemAsync(await tenant.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v1", instances = 0 }), HttpStatusCode.BadRequest);
        await ProblemAsync(await tenant.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "../etc", instances = 1 }), HttpStatusCode.BadRequest);
        await ProblemAsync(await tenant.PutAsJsonAsync($"/v1/apps/{id}/scale", new { instances = 2 }), HttpStatusCode.Conflict);
    }

    [Fact]
    public void AdminToken_File_IsReadableOnlyByItsOwner() =>
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_berth.Options.AdminTokenPath));
}
