using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Core.Hosts;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests;

/// <summary>The hosts API against a real second engine: add with the engine's capacity, label, drain, delete, and every refusal.</summary>
public sealed class HostsApiTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    [Fact]
    public async Task Add_RealEngine_ReadsItsCapacityAndListsIt()
    {
        var added = await TestEngines.AddEngine1Async(_berth, "e1", new() { ["disk"] = "ssd" });

        Assert.Equal("e1", added.GetProperty("name").GetString());
        Assert.True(added.GetProperty("memoryMb").GetInt64() > 0);
        Assert.True(added.GetProperty("cpuShares").GetInt64() >= 1024);
        Assert.Equal("ready", added.GetProperty("state").GetString());
        Assert.Equal("ssd", added.GetProperty("labels").GetProperty("disk").GetString());
        var hosts = await _berth.Admin.GetFromJsonAsync<JsonElement[]>("/v1/hosts", BerthTestServer.Json) ?? [];
        Assert.Equal(["e1", "local"], hosts.Select(h => h.GetProperty("name").GetString()).Order());
        Assert.Equal("127.0.0.2", (await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/hosts/e1", BerthTestServer.Json)).GetProperty("advertiseIp").GetString());
    }

    [Fact]
    public async Task Add_EngineOverTls_ReadsItsCapacity()
    {
        var added = await TestEngines.AddEngine2Async(_berth, "e2", []);

        Assert.True(added.GetProperty("tls").GetBoolean());
        Assert.True(added.GetProperty("memoryMb").GetInt64() > 0);
    }

    [Fact]
    public async Task Add_UnreachableEngine_Is502WithTheReason()
    {
        var response = await _berth.Admin.PostAsJsonAsync("/v1/hosts", new { name = "ghost", engine = "unix:///var/run/no-such-engine.sock", advertiseIp = "127.0.0.9" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains("engine unix:///var/run/no-such-engine.sock cannot be reached", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _berth.Admin.GetAsync("/v1/hosts/ghost")).StatusCode);
    }

    [Fact]
    public async Task Add_TlsEngineWithoutCertificate_Is502()
    {
        var response = await _berth.Admin.PostAsJsonAsync("/v1/hosts", new { name = "notls", engine = TestEngines.Engine2, advertiseIp = "127.0.0.3" });

        await ProblemAsync(response, HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Add_InvalidFields_Is400NamingEach()
    {
        var response = await _berth.Admin.PostAsJsonAsync("/v1/hosts", new
        {
            name = "Bad_Name",
            engine = "http://example",
            advertiseIp = "not-an-ip",
            portRange = "9-1",
            labels = new Dictionary<string, string> { ["bad key"] = "x" },
        });

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["advertiseIp", "engine", "labels.bad key", "name", "portRange"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Add_TlsOnUnixSocketOrMissingFiles_Is400()
    {
        var response = await _berth.Admin.PostAsJsonAsync("/v1/hosts", new
        {
            name = "tlsbad",
            engine = TestEngines.Engine1,
            advertiseIp = "127.0.0.2",
            tls = new { caFile = "/nonexistent/ca.pem", certFile = "relative.pem", keyFile = (string?)null },
        });

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["tls", "tls.caFile", "tls.certFile", "tls.keyFile"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Add_NameTaken_Is409()
    {
        await TestEngines.AddEngine1Async(_berth, "twice", []);

        var response = await _berth.Admin.PostAsJsonAsync("/v1/hosts", new { name = "twice", engine = TestEngines.Engine1, advertiseIp = "127.0.0.2" });

        await ProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Patch_LabelsThenDrain_ShowsThemAndEmptyHostIsDrained()
    {
        await TestEngines.AddEngine1Async(_berth, "p1", new() { ["zone"] = "a" });

        var labelled = await _berth.Admin.PatchAsJsonAsync("/v1/hosts/p1", new { labels = new Dictionary<string, string> { ["zone"] = "b", ["gpu"] = "1" } });
        var drained = await _berth.Admin.PatchAsJsonAsync("/v1/hosts/p1", new { drain = true });

        var view = await labelled.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.Equal(["gpu", "zone"], view.GetProperty("labels").EnumerateObject().Select(l => l.Name).Order());
        var after = await drained.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(after.GetProperty("drain").GetBoolean());
        Assert.Equal("drained", after.GetProperty("state").GetString());
        Assert.Equal("b", after.GetProperty("labels").GetProperty("zone").GetString());
    }

    [Fact]
    public async Task GetAndPatch_HostWithABlockedPort_ShowItAsTheListDoes()
    {
        var port = int.Parse(_berth.Options.LocalPortRange.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
        await _berth.Server.Services.GetRequiredService<IBlockedPortStore>().BlockPortAsync(
            new BlockedPort("local", port, DateTimeOffset.UtcNow.AddMinutes(10), "port is already allocated"), TestContext.Current.CancellationToken);

        var fetched = await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/hosts/local", BerthTestServer.Json);
        var patched = await (await _berth.Admin.PatchAsJsonAsync("/v1/hosts/local", new { labels = new Dictionary<string, string> { ["zone"] = "a" } }))
            .Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);

        foreach (var view in new[] { fetched, patched })
        {
            var blocked = Assert.Single(view.GetProperty("blockedPorts").EnumerateArray());
            Assert.Equal(port, blocked.GetProperty("port").GetInt32());
            Assert.False(view.GetProperty("down").GetBoolean());
        }
    }

    [Fact]
    public async Task PatchAndDelete_UnknownHost_Are404()
    {
        await ProblemAsync(await _berth.Admin.PatchAsJsonAsync("/v1/hosts/nope", new { drain = true }), HttpStatusCode.NotFound);
        await ProblemAsync(await _berth.Admin.DeleteAsync("/v1/hosts/nope"), HttpStatusCode.NotFound);
        await ProblemAsync(await _berth.Admin.GetAsync("/v1/hosts/nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_EmptyHost_RemovesIt()
    {
        await TestEngines.AddEngine1Async(_berth, "gone", []);

        Assert.Equal(HttpStatusCode.NoContent, (await _berth.Admin.DeleteAsync("/v1/hosts/gone")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _berth.Admin.GetAsync("/v1/hosts/gone")).StatusCode);
    }

    [Fact]
    public async Task Delete_HostRunningAnInstance_Is409AskingToDrainFirst()
    {
        var tenant = await _berth.TenantAsync("hostdel");
        var id = BerthTestServer.UniqueAppId("hd");
        await tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128, drainSeconds = 0 });
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v1", 1)).GetProperty("state").GetString());

        var problem = await ProblemAsync(await _berth.Admin.DeleteAsync("/v1/hosts/local"), HttpStatusCode.Conflict);

        Assert.Contains("drain it first", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Hosts_AsTenant_Are403()
    {
        var tenant = await _berth.TenantAsync("nothosts");

        await ProblemAsync(await tenant.PostAsJsonAsync("/v1/hosts", new { name = "x", engine = TestEngines.Engine1, advertiseIp = "127.0.0.2" }), HttpStatusCode.Forbidden);
        await ProblemAsync(await tenant.PatchAsJsonAsync("/v1/hosts/local", new { drain = true }), HttpStatusCode.Forbidden);
        await ProblemAsync(await tenant.DeleteAsync("/v1/hosts/local"), HttpStatusCode.Forbidden);
    }
}
