using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// Hosts that stop answering, and an engine that restarts, on a private engine beside the shared one. The private
/// engine is added as a host through the store (this branch has no <c>POST /v1/hosts</c>) and offers far more memory
/// than the local one, so the spread strategy puts every instance on it first.
/// </summary>
public sealed class HealthHostTests(PrivateEngine engine) : IClassFixture<PrivateEngine>, IAsyncLifetime
{
    private const string HostName = "engine9";
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await HealingServer.StartAsync();
        _tenant = await _berth.TenantAsync("hosted");
        var capacity = await _berth.Server.Services.GetRequiredService<IContainerRuntimeFactory>().Get(engine.Endpoint).GetCapacityAsync(CancellationToken.None);
        await _berth.Server.Services.GetRequiredService<IStateStore>().UpsertHostAsync(new Host
        {
            Name = HostName,
            Engine = engine.Endpoint,
            AdvertiseIp = PrivateEngine.AdvertiseIp,
            PortRangeStart = 31900,
            PortRangeEnd = 31919,
            MemoryMb = capacity.MemoryMb * 100,
            CpuShares = capacity.Cpus * 8192L,
        }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await engine.ThawAsync();
        await _berth.DisposeAsync();
    }

    [Fact]
    public async Task HostMissesHeartbeats_InstancesReplacedOnAnotherHost_StaleContainersRemovedWhenItIsBack()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "hostdown", "restart", 2);
        var stranded = await app.InstancesAsync();
        Assert.All(stranded, i => Assert.Equal(HostName, i.GetProperty("host").GetString()));

        await engine.FreezeAsync();
        await Poll.TrueAsync(async () => (await app.DiscoveredAsync()).Intersect(stranded.Select(AppProbe.ContainerId)).Any() == false,
            TimeSpan.FromSeconds(30), "the frozen host's instances leaving discovery");
        Assert.True((await HostAsync()).GetProperty("down").GetBoolean());
        await Convergence.WaitAsync(_tenant, app.AppId, "v1", 2, [null], () => _berth.ThroughGatewayAsync(app.AppId),
            TimeSpan.FromSeconds(40), "replacements on the local host");
        Assert.All(await app.InstancesAsync(), i => Assert.Equal("local", i.GetProperty("host").GetString()));
        // Frozen, the host still runs its old containers (they answer on their ports): they only go once it answers again.
        using var direct = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var instance in stranded)
        {
            Assert.True((await direct.GetAsync($"http://{instance.GetProperty("address").GetString()}/_ping")).IsSuccessStatusCode);
        }

        await engine.ThawAsync();
        await Poll.TrueAsync(async () => (await engine.ContainersOfAsync(app.AppId)).Count == 0, TimeSpan.FromSeconds(20), "the stale containers removed");
        await Poll.TrueAsync(async () => !(await HostAsync()).GetProperty("down").GetBoolean(), TimeSpan.FromSeconds(10), "the host marked up");
        await Convergence.WaitAsync(_tenant, app.AppId, "v1", 2, [null, engine.Endpoint], () => _berth.ThroughGatewayAsync(app.AppId),
            TimeSpan.FromSeconds(20), "the app unchanged on the local host");
        var types = await app.EventTypesAsync();
        Assert.Contains("hostDown", types);
        Assert.Contains("lost", types);
        Assert.Contains("hostUp", types);
    }

    [Fact]
    public async Task EngineRestarts_WithContainersRunning_Converges()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "dockerd", "restart", 2);
        Assert.All(await app.InstancesAsync(), i => Assert.Equal(HostName, i.GetProperty("host").GetString()));

        await engine.StopAsync();
        await engine.StartAsync();

        await Convergence.WaitAsync(_tenant, app.AppId, "v1", 2, [null, engine.Endpoint], () => _berth.ThroughGatewayAsync(app.AppId),
            TimeSpan.FromSeconds(60), "convergence after the engine restarted");
        Assert.Contains(await app.EventTypesAsync(), type => type is "exited" or "hostDown");
    }

    private async Task<JsonElement> HostAsync() =>
        (await _berth.Admin.GetFromJsonAsync<JsonElement[]>("/v1/hosts", BerthTestServer.Json) ?? []).Single(h => h.GetProperty("name").GetString() == HostName);
}
