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
/// Berth stopped and started again on the same data folder adopts a service that kept running meanwhile on the real
/// engine: the same container, never restarted, still answering with its data, its administrator password unsealed by
/// the new process; the monitor that now watches it finds nothing to do.
/// </summary>
public sealed class ServiceAdoptionTests : IAsyncLifetime
{
    private static readonly TimeSpan RestartLimit = TimeSpan.FromMinutes(3);
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private readonly List<string> _created = [];

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(configure: options => options.StartupTimeoutSeconds = 90);
        _tenant = await _berth.TenantAsync("adoptowner");
        _tenant.Timeout = TimeSpan.FromMinutes(3);
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
    public async Task Restart_ServiceKeptRunning_AdoptedSameContainerNotRestartedStillAnswers()
    {
        var adopted = await CreateAsync();
        // A second service, killed twice after the restart: its second "restarted" event comes from a check of every
        // service that began after the first, so the monitor has looked at the adopted one at least once by then.
        var witness = await CreateAsync();
        var (before, password) = await StoredAsync(adopted);
        await ServiceData.WriteAsync("redis", before.ContainerId!, before.DatabaseName, password, 42);
        var startedAt = await StartedAtAsync(before.ContainerId!);

        await _berth.RestartAsync();

        for (var kill = 1; kill <= 2; kill++)
        {
            await DockerCli.KillAsync((await StoredAsync(witness)).Service.ContainerId!);
            var restarts = kill;
            await Eventually.TrueAsync(async () => (await EventTypesAsync(witness)).Count(type => type == "restarted") == restarts, RestartLimit);
        }

        var (after, unsealed) = await StoredAsync(adopted);
        Assert.Equal(before.ContainerId, after.ContainerId);
        Assert.Equal(startedAt, await StartedAtAsync(after.ContainerId!));
        var events = await EventTypesAsync(adopted);
        Assert.DoesNotContain("exited", events);
        Assert.DoesNotContain("restarted", events);
        Assert.DoesNotContain("unhealthy", events);
        Assert.Equal("running", (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{adopted}", BerthTestServer.Json)).GetProperty("state").GetString());
        Assert.Equal(password, unsealed);
        Assert.Equal("42", await ServiceData.ReadAsync("redis", after.ContainerId!, after.DatabaseName, unsealed));
        var backup = await (await _tenant.PostAsync($"/v1/services/{adopted}/backups", null)).Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(backup.GetProperty("state").GetString() == "succeeded", backup.ToString());
    }

    private async Task<string> CreateAsync()
    {
        var id = BerthTestServer.UniqueAppId("redis");
        _created.Add(id);
        var response = await _tenant.PostAsJsonAsync("/v1/services", new { name = id, type = "redis" });
        var service = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created && service.GetProperty("state").GetString() == "running", service.ToString());
        return id;
    }

    /// <summary>The service as the running Berth stores it, with its administrator password as that Berth unseals it.</summary>
    private async Task<(ManagedService Service, string AdminPassword)> StoredAsync(string id)
    {
        var service = await _berth.Server.Services.GetRequiredService<IServiceStore>().GetServiceAsync(id, CancellationToken.None)
            ?? throw new InvalidOperationException($"service {id} is not stored");
        return (service, _berth.Server.Services.GetRequiredService<ServiceLauncher>().AddressOf(service).AdminPassword);
    }

    /// <summary>When the engine last started the container: a restart of it changes this.</summary>
    private static async Task<string> StartedAtAsync(string containerId) =>
        (await Engine.InspectAsync(containerId)).GetProperty("State").GetProperty("StartedAt").GetString()!;

    private async Task<string[]> EventTypesAsync(string id) =>
        [.. (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{id}/events", BerthTestServer.Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];
}
