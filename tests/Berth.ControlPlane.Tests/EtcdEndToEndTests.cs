using System.Net;
using System.Net.Http.Json;
using Berth.Core.Discovery;
using Berth.Discovery.Membership;
using Berth.Discovery.Selection;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// The walking skeleton on etcd: a control plane without a gateway of its own, and two `berth gateway`
/// processes that read only etcd (started by scripts/start-etcd.sh on 127.0.0.1:2379).
/// </summary>
public sealed class EtcdEndToEndTests : IAsyncLifetime
{
    private const string Etcd = "http://127.0.0.1:2379";
    private BerthTestServer _berth = null!;
    private BerthProcess[] _gateways = [];

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(configure: options =>
        {
            options.GatewayUrl = null;
            options.Discovery = new DiscoveryOptions { Provider = DiscoveryProviders.Etcd, Endpoints = [Etcd] };
        });
        _gateways = await Task.WhenAll(
            BerthProcess.StartGatewayAsync("--discovery", "etcd", "--discovery-endpoint", Etcd),
            BerthProcess.StartGatewayAsync("--discovery", "etcd", "--discovery-endpoint", Etcd));
    }

    public async ValueTask DisposeAsync()
    {
        await _berth.DisposeAsync();
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task DeployRollDelete_OnEtcd_BothStandaloneGatewaysServeIt()
    {
        var tenant = await _berth.TenantAsync("etcd-users");
        var id = BerthTestServer.UniqueAppId("etcd");
        (await tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 32, cpuShares = 128, drainSeconds = 1 })).EnsureSuccessStatusCode();

        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v1", 3)).GetProperty("state").GetString());
        foreach (var gateway in _gateways)
        {
            var bodies = await BodiesAsync(gateway, id, 30);
            Assert.All(bodies, b => Assert.StartsWith("hello v1 from ", b));
            Assert.Equal(3, bodies.Distinct().Count());
        }

        var stored = await _berth.Server.Services.GetRequiredService<IDiscoveryStore>().GetPrefixAsync(ServiceKeys.AppPrefix(id), CancellationToken.None);
        Assert.Equal(3, stored.Entries.Count);
        Assert.All(stored.Entries, e => Assert.Matches(@"^127\.0\.0\.1:\d+$", e.Value));

        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v2", 2)).GetProperty("state").GetString());
        foreach (var gateway in _gateways)
        {
            Assert.All(await BodiesAsync(gateway, id, 10), b => Assert.StartsWith("hello v2 from ", b));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.DeleteAsync($"/v1/apps/{id}")).StatusCode);
        Assert.Empty(await _berth.ContainersOfAsync(id));
        foreach (var gateway in _gateways)
        {
            await Eventually.TrueAsync(async () => (await BerthTestServer.ThroughGatewayAsync(gateway.Client, id)).StatusCode == HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task StandaloneGateway_Killed_LeavesTheMembersListWithinTheTtl()
    {
        var discovery = _berth.Server.Services.GetRequiredService<IDiscoveryStore>();
        async Task<bool> ListedAsync(BerthProcess gateway) =>
            (await discovery.GetPrefixAsync(DiscoveryKeys.Root + "members/gateway/", CancellationToken.None)).Entries.Any(e => e.Value == gateway.Url);
        // A gateway answers its health endpoint a moment before it has registered itself.
        await Eventually.TrueAsync(async () => await ListedAsync(_gateways[0]) && await ListedAsync(_gateways[1]));

        await _gateways[0].DisposeAsync();

        await Eventually.TrueAsync(async () => !await ListedAsync(_gateways[0]), Members.Ttl + TimeSpan.FromSeconds(5));
        Assert.True(await ListedAsync(_gateways[1]));
        var controlPlanes = await discovery.GetPrefixAsync(DiscoveryKeys.Root + "members/control-plane/", CancellationToken.None);
        Assert.Contains(controlPlanes.Entries, e => e.Value == _berth.Server.ApiUrl);
    }

    private static async Task<List<string>> BodiesAsync(BerthProcess gateway, string id, int count)
    {
        var bodies = new List<string>();
        for (var i = 0; i < count; i++)
        {
            bodies.Add(await (await BerthTestServer.ThroughGatewayAsync(gateway.Client, id)).Content.ReadAsStringAsync());
        }

        return bodies;
    }
}
