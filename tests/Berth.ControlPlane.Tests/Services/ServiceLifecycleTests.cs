using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Services;
using Berth.ControlPlane.Tests.Support;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// Managed services on the real engine with Berth's own images (scripts/build-base-services.sh): created on a volume,
/// healthy by their protocol, started again on their host with their data after their container is killed, and
/// invisible to other tenants.
/// </summary>
public sealed class ServiceLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private readonly List<string> _created = [];

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(configure: options => options.StartupTimeoutSeconds = 90);
        _tenant = await _berth.TenantAsync("svcowner");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _created)
        {
            await _berth.Admin.DeleteAsync($"/v1/services/{id}?purge=true");
        }

        await _berth.DisposeAsync();
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("mariadb")]
    [InlineData("postgres")]
    public async Task Create_KilledContainer_StartsAgainOnItsHostWithItsData(string type)
    {
        var service = await CreateAsync(type);
        Assert.Equal("running", service.GetProperty("state").GetString());
        Assert.Equal("local", service.GetProperty("host").GetString());
        var id = service.GetProperty("id").GetString()!;
        var (stored, password) = await StoredAsync(id);
        Assert.Equal($"berth-svc-{id}", (await Engine.InspectAsync(stored.ContainerId!)).GetProperty("Mounts")[0].GetProperty("Name").GetString());

        await ServiceData.WriteAsync(type, stored.ContainerId!, stored.DatabaseName, password, 42);
        await DockerCli.KillAsync(stored.ContainerId!);

        await Eventually.TrueAsync(async () => (await EventTypesAsync(id)).Contains("restarted"), StartLimit);
        var after = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{id}", BerthTestServer.Json);
        Assert.Equal("running", after.GetProperty("state").GetString());
        Assert.Equal(service.GetProperty("address").GetString(), after.GetProperty("address").GetString());
        var (restarted, _) = await StoredAsync(id);
        Assert.Equal("42", await ServiceData.ReadAsync(type, restarted.ContainerId!, restarted.DatabaseName, password));
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("mariadb")]
    [InlineData("postgres")]
    public async Task EveryRoute_AnotherTenantsService_ReadsAsNotFoundAndChangesNothing(string type)
    {
        var id = (await CreateAsync(type)).GetProperty("id").GetString()!;
        var stranger = await _berth.TenantAsync("svcstranger");
        var theirs = BerthTestServer.UniqueAppId("theirs");
        Assert.Equal(HttpStatusCode.Created, (await stranger.PostAsJsonAsync("/v1/apps", new { id = theirs, image = "hello", memoryMb = 32, cpuShares = 128 })).StatusCode);

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["get"] = (await stranger.GetAsync($"/v1/services/{id}")).StatusCode,
            ["events"] = (await stranger.GetAsync($"/v1/services/{id}/events")).StatusCode,
            ["logs"] = (await stranger.GetAsync($"/v1/services/{id}/logs")).StatusCode,
            ["bind"] = (await stranger.PostAsJsonAsync($"/v1/services/{id}/bindings", new { app = theirs })).StatusCode,
            ["bindings"] = (await stranger.GetAsync($"/v1/services/{id}/bindings")).StatusCode,
            ["unbind"] = (await stranger.DeleteAsync($"/v1/services/{id}/bindings/{theirs}")).StatusCode,
            ["backup"] = (await stranger.PostAsync($"/v1/services/{id}/backups", null)).StatusCode,
            ["backups"] = (await stranger.GetAsync($"/v1/services/{id}/backups")).StatusCode,
            ["restore"] = (await stranger.PostAsJsonAsync($"/v1/services/{id}/restore", new { backup = "b-none" })).StatusCode,
            ["schedule"] = (await stranger.PutAsJsonAsync($"/v1/services/{id}/backup-schedule", new { period = "daily", keep = 7 })).StatusCode,
            ["move"] = (await stranger.PostAsJsonAsync($"/v1/services/{id}/move", new { to = "local" })).StatusCode,
            ["delete"] = (await stranger.DeleteAsync($"/v1/services/{id}?purge=true")).StatusCode,
        };

        Assert.All(answers, answer => Assert.True(answer.Value == HttpStatusCode.NotFound, $"{answer.Key} answered {answer.Value}"));
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>("/v1/services", BerthTestServer.Json)).EnumerateArray());
        var service = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{id}", BerthTestServer.Json);
        Assert.Equal("running", service.GetProperty("state").GetString());
        Assert.Empty(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/services/{id}/bindings", BerthTestServer.Json) ?? []);
        Assert.Empty(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/services/{id}/backups", BerthTestServer.Json) ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.GetAsync($"/v1/services/{id}/backup-schedule")).StatusCode);
        await stranger.DeleteAsync($"/v1/apps/{theirs}");
    }

    [Fact]
    public async Task Show_DataWritten_VolumeUseMeasuredAndGrows()
    {
        var id = (await CreateAsync("postgres")).GetProperty("id").GetString()!;
        var before = await UsedBytesAsync(id);
        Assert.True(before > 0, $"{before} bytes used by a new database");
        var (stored, _) = await StoredAsync(id);

        // 20 000 rows of 1 KB, below the size PostgreSQL compresses, and a checkpoint so they are on disk.
        await DockerCli.RunAsync(null, "exec", stored.ContainerId!, "psql", "-h", "/run/postgresql", "-p", "5432", "-U", "postgres", "-d", stored.DatabaseName,
            "-v", "ON_ERROR_STOP=1", "-c", "CREATE TABLE big AS SELECT repeat(md5(i::text), 32) AS s FROM generate_series(1, 20000) i", "-c", "CHECKPOINT");

        var after = await UsedBytesAsync(id);
        Assert.True(after >= before + 15 * 1024 * 1024, $"{before} bytes before, {after} after writing 20 MB");
        var listed = Assert.Single(await _tenant.GetFromJsonAsync<JsonElement[]>("/v1/services", BerthTestServer.Json) ?? [], s => s.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("usedBytes").ValueKind);
    }

    [Fact]
    public async Task Create_BadType_AnsweredWithReason()
    {
        var response = await _tenant.PostAsJsonAsync("/v1/services", new { name = BerthTestServer.UniqueAppId("bad"), type = "oracle" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("postgres, mariadb, redis", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_Purge_RemovesContainerAndVolume()
    {
        var id = (await CreateAsync("redis")).GetProperty("id").GetString()!;
        var (stored, _) = await StoredAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.DeleteAsync($"/v1/services/{id}?purge=true")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.GetAsync($"/v1/services/{id}")).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => DockerCli.RunAsync(null, "inspect", stored.ContainerId!));
        await Assert.ThrowsAsync<InvalidOperationException>(() => DockerCli.RunAsync(null, "volume", "inspect", stored.Volume));
    }

    [Fact]
    public async Task Delete_WithoutPurge_KeepsLastBackupThatRestoresUnderSameName()
    {
        var id = (await CreateAsync("redis")).GetProperty("id").GetString()!;
        var (stored, password) = await StoredAsync(id);
        Assert.Equal(HttpStatusCode.Created, (await _tenant.PostAsync($"/v1/services/{id}/backups", null)).StatusCode);
        await ServiceData.WriteAsync("redis", stored.ContainerId!, stored.DatabaseName, password, 42);

        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.DeleteAsync($"/v1/services/{id}")).StatusCode);
        // The volume stays without purge; it is lost here, so only the backup can bring the data back.
        await DockerCli.RunAsync(null, "volume", "rm", stored.Volume);

        await CreateAsync("redis", id);
        var kept = Assert.Single(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/services/{id}/backups", BerthTestServer.Json) ?? []);
        Assert.Equal("succeeded", kept.GetProperty("state").GetString());
        Assert.Single(Directory.GetFiles(Path.Combine(_berth.Options.BackupsPath, id)));
        var (again, newPassword) = await StoredAsync(id);
        Assert.Equal("", await ServiceData.ReadAsync("redis", again.ContainerId!, again.DatabaseName, newPassword));
        var restore = await _tenant.PostAsJsonAsync($"/v1/services/{id}/restore", new { backup = kept.GetProperty("id").GetString() });
        Assert.True(restore.StatusCode == HttpStatusCode.OK, await restore.Content.ReadAsStringAsync());
        var (restored, restoredPassword) = await StoredAsync(id);
        Assert.Equal("42", await ServiceData.ReadAsync("redis", restored.ContainerId!, restored.DatabaseName, restoredPassword));

        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.DeleteAsync($"/v1/services/{id}?purge=true")).StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(_berth.Options.BackupsPath, id)));
        Assert.Empty(await _berth.Server.Services.GetRequiredService<IServiceStore>().ListBackupsAsync(id, CancellationToken.None));
    }

    private async Task<JsonElement> CreateAsync(string type, string? name = null)
    {
        var id = name ?? BerthTestServer.UniqueAppId(type);
        _created.Add(id);
        var response = await _tenant.PostAsJsonAsync("/v1/services", new { name = id, type });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var service = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(service.GetProperty("state").GetString() == "running", service.GetProperty("reason").ToString());
        return service;
    }

    private async Task<(ManagedService Service, string AdminPassword)> StoredAsync(string id)
    {
        var service = await _berth.Server.Services.GetRequiredService<IServiceStore>().GetServiceAsync(id, CancellationToken.None)
            ?? throw new InvalidOperationException($"service {id} is not stored");
        return (service, _berth.Server.Services.GetRequiredService<ServiceLauncher>().AddressOf(service).AdminPassword);
    }

    private async Task<long> UsedBytesAsync(string id)
    {
        var service = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{id}", BerthTestServer.Json);
        Assert.Equal(1, service.GetProperty("storageGb").GetInt32());
        return service.GetProperty("usedBytes").GetInt64();
    }

    private async Task<string[]> EventTypesAsync(string id) =>
        [.. (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{id}/events", BerthTestServer.Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];
}
