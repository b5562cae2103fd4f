using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// Ports of Berth's range held by what is not this installation's — containers another installation (or a person)
/// started on the same engine, a process listening on the host — are read into the scheduler's snapshot before
/// placement, against the real engine, instead of being found at start three at a time (issue #18, item 5).
/// </summary>
public sealed class TakenPortsTests : IAsyncLifetime
{
    private readonly List<string> _strangers = [];
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private int _firstPort;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _strangers)
        {
            await DockerAsync($"rm -f {container}");
        }

        await _berth.DisposeAsync();
    }

    private async Task StartBerthAsync(int ports, TimeSpan surveyInterval)
    {
        _berth = await BerthTestServer.StartAsync(portRangeSize: ports, options => options.Healing.PortSurveyInterval = surveyInterval);
        _tenant = await _berth.TenantAsync("portsurvey");
        _firstPort = int.Parse(_berth.Options.LocalPortRange.Split('-')[0], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Deploy_FourPortsPublishedByAnotherInstallation_PlacesAroundThemWithoutATakenPortAttempt()
    {
        await StartBerthAsync(ports: 6, TimeSpan.FromSeconds(1));
        for (var port = _firstPort; port < _firstPort + 4; port++)
        {
            await RunStrangerAsync(port);
        }

        await Eventually.TrueAsync(async () => (await BlockedPortsAsync()).Count == 4, TimeSpan.FromSeconds(60));
        var app = await CreateAppAsync();
        var deployment = await BerthTestServer.DeployAsync(_tenant, app, "v1", 2);

        // Before the survey this deploy failed: three starts on taken ports, then "gave up after 3 taken ports".
        Assert.Equal("succeeded", deployment.GetProperty("state").GetString());
        var ports = (await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/instances", BerthTestServer.Json) ?? [])
            .Select(i => int.Parse(i.GetProperty("address").GetString()!.Split(':')[1], CultureInfo.InvariantCulture))
            .Order();
        Assert.Equal([_firstPort + 4, _firstPort + 5], ports);
        var events = await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/events", BerthTestServer.Json) ?? [];
        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString() == "portBlocked");
        Assert.All(await BlockedPortsAsync(), b => Assert.Contains("not this installation's", b.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Survey_StrangersContainerStarts_ItsPortIsBlockedWithoutWaitingForTheInterval()
    {
        // The periodic survey runs once, at the first heartbeat; after that only the engine's start events survey.
        await StartBerthAsync(ports: 3, TimeSpan.FromHours(1));
        await Eventually.TrueAsync(async () => (await _berth.Admin.GetAsync("/v1/hosts/local")).IsSuccessStatusCode);

        // The event stream may still be connecting when the first stranger starts; a later start is then seen.
        for (var attempt = 0; (await BlockedPortsAsync()).Count == 0; attempt++)
        {
            Assert.True(attempt < 10, "no start event led to a survey");
            await RunStrangerAsync(_firstPort + 1);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while ((await BlockedPortsAsync()).Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            if ((await BlockedPortsAsync()).Count == 0)
            {
                await DockerAsync($"rm -f {_strangers[^1]}");
            }
        }

        var blocked = Assert.Single(await BlockedPortsAsync());
        Assert.Equal(_firstPort + 1, blocked.GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task Deploy_PortHeldByAListeningProcess_IsBlockedBeforeAndSkipped()
    {
        await StartBerthAsync(ports: 3, TimeSpan.FromSeconds(1));
        using var outsider = new TcpListener(IPAddress.Loopback, _firstPort);
        outsider.Start();

        await Eventually.TrueAsync(async () => (await BlockedPortsAsync()).Count == 1, TimeSpan.FromSeconds(60));
        var blocked = Assert.Single(await BlockedPortsAsync());
        Assert.Equal(_firstPort, blocked.GetProperty("port").GetInt32());
        Assert.Contains("listens on 127.0.0.1", blocked.GetProperty("reason").GetString());

        var app = await CreateAppAsync();
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(_tenant, app, "v1", 1)).GetProperty("state").GetString());
        var instance = Assert.Single(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/instances", BerthTestServer.Json) ?? []);
        Assert.Equal($"127.0.0.1:{_firstPort + 1}", instance.GetProperty("address").GetString());
        var events = await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/events", BerthTestServer.Json) ?? [];
        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString() == "portBlocked");
    }

    private async Task<string> CreateAppAsync()
    {
        var id = BerthTestServer.UniqueAppId("survey");
        var response = await _tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128, drainSeconds = 0 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private async Task<List<JsonElement>> BlockedPortsAsync() =>
        [.. (await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/hosts/local", BerthTestServer.Json)).GetProperty("blockedPorts").EnumerateArray()];

    /// <summary>A container of nobody's installation publishing <paramref name="port"/>, as one started by hand would.</summary>
    private async Task RunStrangerAsync(int port)
    {
        var name = $"berth-test-stranger-{Guid.NewGuid():N}"[..32];
        _strangers.Add(name);
        Assert.Equal(0, await DockerAsync($"run -d --name {name} -p 127.0.0.1:{port}:8080 127.0.0.1:5000/hello:v1"));
    }

    private static async Task<int> DockerAsync(string arguments)
    {
        var start = new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
