using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// A service's host port that a process outside Berth listens on, against the real engine: the engine refuses to start
/// the container, and Berth blocks the port and starts the service on another port of its host, as it does for an
/// app's instance (<see cref="HostPortTakenTests"/>). The survey that would find the listeners first is off here.
/// </summary>
public sealed class ServicePortTakenTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private int _firstPort;
    private readonly List<string> _created = [];

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(portRangeSize: 3, options =>
        {
            options.Healing.PortSurveyInterval = TimeSpan.Zero;
            options.StartupTimeoutSeconds = 90;
        });
        _tenant = await _berth.TenantAsync("svcportowner");
        _firstPort = int.Parse(_berth.Options.LocalPortRange.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _created)
        {
            await _berth.Admin.DeleteAsync($"/v1/services/{id}?purge=true");
        }

        await _berth.DisposeAsync();
    }

    [Fact]
    public async Task Create_PortHeldOutsideBerth_RunsOnTheNextPortAndBlocksTheTakenOne()
    {
        JsonElement service;
        using (Hold(_firstPort))
        {
            service = await CreateAsync();
        }

        Assert.True(service.GetProperty("state").GetString() == "running", service.GetProperty("reason").ToString());
        Assert.EndsWith($":{_firstPort + 1}", service.GetProperty("address").GetString());
        var id = service.GetProperty("id").GetString()!;
        var stored = await _berth.Server.Services.GetRequiredService<IServiceStore>().GetServiceAsync(id, CancellationToken.None);
        Assert.Equal(_firstPort + 1, stored!.HostPort);
        var bindings = (await Engine.InspectAsync(stored.ContainerId!)).GetProperty("HostConfig").GetProperty("PortBindings");
        Assert.Equal($"{_firstPort + 1}", bindings.EnumerateObject().Single().Value[0].GetProperty("HostPort").GetString());
        var containers = await DockerCli.RunAsync(null, "ps", "-aq", "--filter", $"label=berth.service={id}");
        Assert.Single(containers.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var blocked = Assert.Single((await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/hosts/local", BerthTestServer.Json)).GetProperty("blockedPorts").EnumerateArray());
        Assert.Equal(_firstPort, blocked.GetProperty("port").GetInt32());
        Assert.Contains("address already in use", blocked.GetProperty("reason").GetString());
        var events = (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{id}/events", BerthTestServer.Json)).EnumerateArray();
        var skipped = Assert.Single(events, e => e.GetProperty("type").GetString() == "portBlocked");
        Assert.Contains($"host port {_firstPort} of local is in use outside Berth", skipped.GetProperty("message").GetString());
        Assert.Contains($"trying port {_firstPort + 1}", skipped.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_EveryPortHeldOutsideBerth_FailsNamingThePorts()
    {
        var outsiders = Enumerable.Range(_firstPort, 3).Select(Hold).ToList();
        try
        {
            var service = await CreateAsync();

            Assert.Equal("failed", service.GetProperty("state").GetString());
            Assert.Contains($"host port {_firstPort + 2} of local is in use outside Berth", service.GetProperty("reason").GetString());
            Assert.Contains("gave up after 3 taken ports", service.GetProperty("reason").GetString());
        }
        finally
        {
            outsiders.ForEach(outsider => outsider.Dispose());
        }
    }

    private async Task<JsonElement> CreateAsync()
    {
        var id = BerthTestServer.UniqueAppId("taken");
        _created.Add(id);
        var response = await _tenant.PostAsJsonAsync("/v1/services", new { name = id, type = "redis" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
    }

    /// <summary>A plain listener on every address, as another program on the machine would hold the port.</summary>
    private static TcpListener Hold(int port)
    {
        var listener = new TcpListener(IPAddress.Any, port);
        listener.Start();
        return listener;
    }
}
