using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// A service and its app on different engines (the default one and engine 1 of scripts/start-engines.sh), with the
/// counter sample behind the real gateway: moved from the app's host to the other, the data survives and the app counts
/// on through the service's published port on its new host's advertise address (engine 1's bridge address, which
/// containers of the default engine reach). Another tenant's container on the same host cannot reach the service
/// through the tenant network, and reaching its published port it cannot log in. For each type of service.
/// </summary>
public sealed class ServiceHostsTests : IAsyncLifetime
{
    private const string FarHost = "far";
    private const string FarAddress = "172.31.1.1";
    private static readonly string[] OnAppsHost = ["labels.role == apps"];
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private string? _service;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(configure: options => options.StartupTimeoutSeconds = 90);
        _tenant = await _berth.TenantAsync("hostsowner");
        // A move answers once the other engine pulled the image, the dump is loaded and the app rolled out: minutes on a busy machine.
        _tenant.Timeout = TimeSpan.FromMinutes(5);
        (await _berth.Admin.PutAsync("/v1/base-images/counter", null)).EnsureSuccessStatusCode();
        var labelled = await _berth.Admin.PatchAsJsonAsync("/v1/hosts/local", new { labels = new Dictionary<string, string> { ["role"] = "apps" } });
        Assert.True(labelled.IsSuccessStatusCode, await labelled.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in new[] { _tenant, _berth.Admin })
        {
            foreach (var app in await client.GetFromJsonAsync<JsonElement[]>("/v1/apps", BerthTestServer.Json) ?? [])
            {
                await client.DeleteAsync($"/v1/apps/{app.GetProperty("id").GetString()}");
            }
        }

        if (_service is not null)
        {
            await _berth.Admin.DeleteAsync($"/v1/services/{_service}?purge=true");
        }

        await _berth.DisposeAsync();
    }

    [Theory]
    [InlineData("redis", "REDIS")]
    [InlineData("mariadb", "DATABASE")]
    [InlineData("postgres", "DATABASE")]
    public async Task Move_ToOtherEngine_DataSurvivesAppReachesItThereAndStrangersCannot(string type, string prefix)
    {
        var app = await DeployCounterAsync(_tenant);
        _service = BerthTestServer.UniqueAppId("moving");
        // Created while the app's host is the only one: the service starts beside the app.
        var response = await _tenant.PostAsJsonAsync("/v1/services", new { name = _service, type });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToString());
        Assert.Equal(("running", "local"), (created.GetProperty("state").GetString(), created.GetProperty("host").GetString()));
        Assert.Equal(HttpStatusCode.Created, (await _tenant.PostAsJsonAsync($"/v1/services/{_service}/bindings", new { app })).StatusCode);
        Assert.Equal(1, await CountAsync(app));
        Assert.Equal(2, await CountAsync(app));

        var stranger = await _berth.TenantAsync("hostsstranger");
        var theirs = await DeployCounterAsync(stranger);
        var strangerContainer = (await _berth.ContainersOfAsync(theirs))[0].Id;
        var ours = (await _berth.ContainersOfAsync(app))[0].Id;
        var probe = ServerProbe.For(type);
        // The same probe that finds the server from the app's container finds nothing from the stranger's.
        Assert.True(probe.Reached(await InAsync(ours, probe.Reach($"berth-svc-{_service}", probe.Port))));
        var overTenantNetwork = await InAsync(strangerContainer, probe.Reach($"berth-svc-{_service}", probe.Port));
        Assert.False(probe.Reached(overTenantNetwork), overTenantNetwork);

        await TestEngines.AddEngine1Async(_berth, FarHost, new Dictionary<string, string> { ["role"] = "db" }, FarAddress);
        response = await _tenant.PostAsJsonAsync($"/v1/services/{_service}/move", new { to = FarHost });
        var moved = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, moved.ToString());
        Assert.Equal("local", moved.GetProperty("from").GetString());
        Assert.True(moved.GetProperty("downtimeSeconds").GetDouble() > 0);
        Assert.Single(moved.GetProperty("rollouts").EnumerateArray());
        var now = moved.GetProperty("service");
        Assert.Equal((FarHost, "running"), (now.GetProperty("host").GetString(), now.GetProperty("state").GetString()));
        var address = now.GetProperty("address").GetString()!;
        Assert.StartsWith($"{FarAddress}:", address);

        // The counter goes on from where it was: the data moved, and the binding's user and password work there.
        Assert.Equal(3, await CountAsync(app));
        var instance = Assert.Single(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/instances", BerthTestServer.Json) ?? []);
        Assert.Equal("local", instance.GetProperty("host").GetString());
        var env = await Engine.EnvAsync((await _berth.ContainersOfAsync(app))[0].Id);
        Assert.Equal(address, $"{env[$"{prefix}_HOST"]}:{env[$"{prefix}_PORT"]}");
        Assert.Contains("moved", await EventTypesAsync());

        // The stranger reaches the published port, but neither without a password nor with a guessed one logs in.
        var port = int.Parse(address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        var reached = await InAsync(strangerContainer, probe.Reach(FarAddress, port));
        Assert.True(probe.Reached(reached), reached);
        Assert.Contains(probe.Refused, await InAsync(strangerContainer, probe.Guess(FarAddress, port)));
    }

    private async Task<string> DeployCounterAsync(HttpClient client)
    {
        var id = BerthTestServer.UniqueAppId("counter");
        var created = await client.PostAsJsonAsync("/v1/apps", new { id, image = "counter", memoryMb = 64, cpuShares = 128, constraints = OnAppsHost });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(client, id, "v1", 1)).GetProperty("state").GetString());
        return id;
    }

    /// <summary>What a shell command prints inside the container, errors included, whatever its exit code.</summary>
    private static Task<string> InAsync(string container, string command) =>
        DockerCli.RunAsync(null, "exec", container, "bash", "-c", $"{command} 2>&1; true");

    private async Task<long> CountAsync(string app)
    {
        var response = await _berth.ThroughGatewayAsync(app, "/count");
        var body = (await response.Content.ReadAsStringAsync()).Trim();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return long.Parse(body, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string[]> EventTypesAsync() =>
        [.. (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{_service}/events", BerthTestServer.Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];
}
