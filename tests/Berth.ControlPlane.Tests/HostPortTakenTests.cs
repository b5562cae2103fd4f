using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// Host ports of Berth's range that a process outside Berth listens on, against the real engine: the engine refuses
/// to start the container, and Berth blocks the port and starts the instance on another one. This is the fallback
/// for a port taken between a survey and a start, so the survey that would find these listeners first is off here
/// (<see cref="TakenPortsTests"/> covers it).
/// </summary>
public sealed class HostPortTakenTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private int _firstPort;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(portRangeSize: 3, options => options.Healing.PortSurveyInterval = TimeSpan.Zero);
        _tenant = await _berth.TenantAsync("portowner");
        _firstPort = int.Parse(_berth.Options.LocalPortRange.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private async Task<string> CreateAppAsync()
    {
        var id = BerthTestServer.UniqueAppId("taken");
        var response = await _tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128, drainSeconds = 0 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    /// <summary>A plain listener on every address, as another program on the machine would hold the port.</summary>
    private static TcpListener Hold(int port)
    {
        var listener = new TcpListener(IPAddress.Any, port);
        listener.Start();
        return listener;
    }

    private async Task<JsonElement> LocalHostAsync() => await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/hosts/local", BerthTestServer.Json);

    [Fact]
    public async Task Deploy_FirstPortHeldOutsideBerth_SucceedsOnTheNextPortAndBlocksTheTakenOne()
    {
        var app = await CreateAppAsync();
        using (var outsider = Hold(_firstPort))
        {
            var deployment = await BerthTestServer.DeployAsync(_tenant, app, "v1", 1);

            Assert.Equal("succeeded", deployment.GetProperty("state").GetString());
            var instance = Assert.Single(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/instances", BerthTestServer.Json) ?? []);
            Assert.Equal($"127.0.0.1:{_firstPort + 1}", instance.GetProperty("address").GetString());
            Assert.Single(await _berth.ContainersOfAsync(app));
            Assert.StartsWith("hello v1", await (await _berth.ThroughGatewayAsync(app)).Content.ReadAsStringAsync());

            var blocked = Assert.Single(ArrayOf(await LocalHostAsync(), "blockedPorts"));
            Assert.Equal(_firstPort, blocked.GetProperty("port").GetInt32());
            Assert.Contains("address already in use", blocked.GetProperty("reason").GetString());
            Assert.True(blocked.GetProperty("until").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(5));
            var skipped = Assert.Single(ArrayOf(await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{app}/events", BerthTestServer.Json)),
                e => e.GetProperty("type").GetString() == "portBlocked");
            Assert.Contains($"host port {_firstPort} of local is in use outside Berth", skipped.GetProperty("message").GetString());
            Assert.Contains($"trying port {_firstPort + 1}", skipped.GetProperty("message").GetString());
        }

        // The outsider is gone and an operator lifts the block: the port is handed out again.
        Assert.Equal(HttpStatusCode.NoContent, (await _berth.Admin.DeleteAsync($"/v1/hosts/local/blocked-ports/{_firstPort}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _berth.Admin.DeleteAsync($"/v1/hosts/local/blocked-ports/{_firstPort}")).StatusCode);
        Assert.Empty(ArrayOf(await LocalHostAsync(), "blockedPorts"));
        var other = await CreateAppAsync();
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(_tenant, other, "v1", 1)).GetProperty("state").GetString());
        var reused = Assert.Single(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{other}/instances", BerthTestServer.Json) ?? []);
        Assert.Equal($"127.0.0.1:{_firstPort}", reused.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Deploy_EveryPortHeldOutsideBerth_FailsNamingThePortsAndLeavesNothing()
    {
        var app = await CreateAppAsync();
        var ports = Enumerable.Range(_firstPort, 3).ToList();
        var outsiders = ports.Select(Hold).ToList();
        try
        {
            var deployment = await BerthTestServer.DeployAsync(_tenant, app, "v1", 1);

            Assert.Equal("failed", deployment.GetProperty("state").GetString());
            Assert.Contains($"host port {_firstPort + 2} of local is in use outside Berth", deployment.GetProperty("reason").GetString());
            Assert.Contains("gave up after 3 taken ports", deployment.GetProperty("reason").GetString());
            Assert.Equal(ports, ArrayOf(await LocalHostAsync(), "blockedPorts").Select(b => b.GetProperty("port").GetInt32()));
            Assert.Empty(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app}/instances", BerthTestServer.Json) ?? []);
            Assert.Empty(await _berth.ContainersOfAsync(app));
        }
        finally
        {
            outsiders.ForEach(outsider => outsider.Dispose());
        }
    }

    private static JsonElement[] ArrayOf(JsonElement element, string? property = null) =>
        [.. (property is null ? element : element.GetProperty(property)).EnumerateArray()];
}
