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
/// Bindings end to end on the real engine, with Berth's service images and the counter sample (samples/counter) behind
/// the real gateway: bind under load, count through the service, survive the service's container being killed, unbind
/// under load, and the connection string the app had is refused afterwards; a backup, the data dropped, the restore
/// brings the counter back.
/// </summary>
public sealed class ServiceBindingTests : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private readonly List<string> _services = [];

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(configure: options => options.StartupTimeoutSeconds = 90);
        _tenant = await _berth.TenantAsync("bindowner");
        (await _berth.Admin.PutAsync("/v1/base-images/counter", null)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in await _tenant.GetFromJsonAsync<JsonElement[]>("/v1/apps", BerthTestServer.Json) ?? [])
        {
            await _tenant.DeleteAsync($"/v1/apps/{app.GetProperty("id").GetString()}");
        }

        foreach (var id in _services)
        {
            await _berth.Admin.DeleteAsync($"/v1/services/{id}?purge=true");
        }

        await _berth.DisposeAsync();
    }

    [Theory]
    [InlineData("redis", "REDIS")]
    [InlineData("mariadb", "DATABASE")]
    [InlineData("postgres", "DATABASE")]
    public async Task Bind_CounterThroughGateway_CountsSurvivesKillRestoresAndUnbindRevokes(string type, string prefix)
    {
        var app = await DeployCounterAsync();
        var service = await CreateServiceAsync(type);

        JsonElement bound = default;
        Assert.Empty(await WhileRequestingAsync(app, async () =>
        {
            var response = await _tenant.PostAsJsonAsync($"/v1/services/{service}/bindings", new { app });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            bound = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        }));
        Assert.Equal(prefix, bound.GetProperty("prefix").GetString());
        Assert.Equal("succeeded", bound.GetProperty("rollout").GetProperty("state").GetString());

        var env = await Engine.EnvAsync((await _berth.ContainersOfAsync(app))[0].Id);
        Assert.Equal($"berth-svc-{service}", env[$"{prefix}_HOST"]);
        var (user, password) = (env[$"{prefix}_USER"], env[$"{prefix}_PASSWORD"]);
        Assert.Contains($"{user}:{password}@berth-svc-{service}:", env[$"{prefix}_URL"]);
        Assert.Equal(1, await CountAsync(app));
        Assert.Equal(2, await CountAsync(app));

        var stored = await StoredAsync(service);
        Assert.True(await ServiceData.CanLoginAsync(type, stored.ContainerId!, stored.DatabaseName, user, password));
        await DockerCli.KillAsync(stored.ContainerId!);
        await Eventually.TrueAsync(async () => (await EventTypesAsync(service)).Contains("restarted"), StartLimit);
        await Eventually.TrueAsync(async () => (await _berth.ThroughGatewayAsync(app, "/count")).StatusCode == HttpStatusCode.OK, StartLimit);
        var saved = await CountAsync(app);
        Assert.True(saved > 2, "the counter started again from nothing");

        var backup = await (await _tenant.PostAsync($"/v1/services/{service}/backups", null)).Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(backup.GetProperty("state").GetString() == "succeeded", backup.GetProperty("reason").ToString());
        Assert.True(backup.GetProperty("sizeBytes").GetInt64() > 0);
        Assert.Equal(64, backup.GetProperty("sha256").GetString()!.Length);
        var backupId = backup.GetProperty("id").GetString();
        Assert.Contains(backupId, (await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/services/{service}/backups", BerthTestServer.Json) ?? []).Select(b => b.GetProperty("id").GetString()));
        var running = await StoredAsync(service);
        await ServiceData.DropCounterAsync(type, running.ContainerId!, running.DatabaseName, AdminPassword(running));
        Assert.Equal(1, await CountAsync(app));
        var restore = await _tenant.PostAsJsonAsync($"/v1/services/{service}/restore", new { backup = backupId });
        Assert.True(restore.StatusCode == HttpStatusCode.OK, await restore.Content.ReadAsStringAsync());
        Assert.Equal(saved + 1, await CountAsync(app));

        Assert.Empty(await WhileRequestingAsync(app, async () =>
        {
            var response = await _tenant.DeleteAsync($"/v1/services/{service}/bindings/{app}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var unbound = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
            Assert.Equal("succeeded", unbound.GetProperty("rollout").GetProperty("state").GetString());
        }));
        // The sample's image sets no variable of its own: without a binding a container's environment is null.
        var left = (await Engine.InspectAsync((await _berth.ContainersOfAsync(app))[0].Id)).GetProperty("Config").GetProperty("Env");
        Assert.True(left.ValueKind == JsonValueKind.Null || left.EnumerateArray().All(e => !e.GetString()!.StartsWith($"{prefix}_", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _berth.ThroughGatewayAsync(app, "/count")).StatusCode);
        var restarted = await StoredAsync(service);
        Assert.False(await ServiceData.CanLoginAsync(type, restarted.ContainerId!, restarted.DatabaseName, user, password));
    }

    [Fact]
    public async Task Bind_SecondOfAKindAndChosenName_GetTheirOwnPrefixes()
    {
        var app = await CreateAppAsync();
        var first = await CreateServiceAsync("redis");
        var second = await CreateServiceAsync("redis");
        var third = await CreateServiceAsync("redis");

        Assert.Equal("REDIS", (await BindAsync(first, new { app })).GetProperty("prefix").GetString());
        Assert.Equal("REDIS2", (await BindAsync(second, new { app })).GetProperty("prefix").GetString());
        var named = await BindAsync(third, new { app, @as = "cache" });

        Assert.Equal("CACHE", named.GetProperty("prefix").GetString());
        Assert.Equal(JsonValueKind.Null, named.GetProperty("rollout").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await _tenant.PostAsJsonAsync($"/v1/services/{first}/bindings", new { app })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _tenant.DeleteAsync($"/v1/services/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _tenant.PostAsJsonAsync($"/v1/services/{first}/bindings", new { app, @as = "9x" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.DeleteAsync($"/v1/apps/{app}")).StatusCode);
        Assert.Empty(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/services/{first}/bindings", BerthTestServer.Json) ?? []);
    }

    [Fact]
    public async Task Bind_AnotherTenantsApp_ReadsAsNotFound()
    {
        var service = await CreateServiceAsync("redis");
        var stranger = await _berth.TenantAsync("bindstranger");
        var theirs = BerthTestServer.UniqueAppId("theirs");
        Assert.Equal(HttpStatusCode.Created, (await stranger.PostAsJsonAsync("/v1/apps", new { id = theirs, image = "counter", memoryMb = 64, cpuShares = 128 })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.PostAsJsonAsync($"/v1/services/{service}/bindings", new { app = theirs })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/v1/services/{service}/bindings", new { app = theirs })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/services/{service}/bindings")).StatusCode);
        await stranger.DeleteAsync($"/v1/apps/{theirs}");
    }

    private async Task<string> CreateAppAsync()
    {
        var id = BerthTestServer.UniqueAppId("counter");
        var response = await _tenant.PostAsJsonAsync("/v1/apps", new { id, image = "counter", memoryMb = 64, cpuShares = 128 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private async Task<string> DeployCounterAsync()
    {
        var id = await CreateAppAsync();
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(_tenant, id, "v1", 2)).GetProperty("state").GetString());
        return id;
    }

    private async Task<string> CreateServiceAsync(string type)
    {
        var id = BerthTestServer.UniqueAppId(type);
        _services.Add(id);
        var response = await _tenant.PostAsJsonAsync("/v1/services", new { name = id, type });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var service = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(service.GetProperty("state").GetString() == "running", service.GetProperty("reason").ToString());
        return id;
    }

    private async Task<JsonElement> BindAsync(string service, object body)
    {
        var response = await _tenant.PostAsJsonAsync($"/v1/services/{service}/bindings", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
    }

    private async Task<long> CountAsync(string app)
    {
        var response = await _berth.ThroughGatewayAsync(app, "/count");
        var body = (await response.Content.ReadAsStringAsync()).Trim();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return long.Parse(body, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<ManagedService> StoredAsync(string id) =>
        await _berth.Server.Services.GetRequiredService<IServiceStore>().GetServiceAsync(id, CancellationToken.None)
            ?? throw new InvalidOperationException($"service {id} is not stored");

    private string AdminPassword(ManagedService service) =>
        _berth.Server.Services.GetRequiredService<ServiceLauncher>().AddressOf(service).AdminPassword;

    private async Task<string[]> EventTypesAsync(string id) =>
        [.. (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{id}/events", BerthTestServer.Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];

    /// <summary>Runs <paramref name="work"/> while a client keeps asking the app's health endpoint through the gateway; returns every failed request.</summary>
    private async Task<List<string>> WhileRequestingAsync(string app, Func<Task> work)
    {
        var failures = new List<string>();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var response = await _berth.ThroughGatewayAsync(app, "/_ping");
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Add(e.Message);
                }
            }
        });
        await work();
        await stop.CancelAsync();
        await load;
        return failures;
    }
}
