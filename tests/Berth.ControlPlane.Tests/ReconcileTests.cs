using System.Net.Http.Json;
using Berth.ControlPlane.Reconciliation;
using Berth.ControlPlane.Tests.Support;
using Berth.Core.Discovery;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests;

/// <summary>The reconciler against differences made behind Berth's back, on the real engine.</summary>
public sealed class ReconcileTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await HealingServer.StartAsync();
        _tenant = await _berth.TenantAsync("drifters");
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    private T Service<T>()
        where T : notnull => _berth.Server.Services.GetRequiredService<T>();

    private void Reconcile() => Service<ReconcileTrigger>().Request();

    [Fact]
    public async Task Reconcile_ContainersNobodyWants_RemovesOursAndLeavesOtherInstallationsAlone()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "orph", "restart", 1);
        var cluster = await Service<IClusterIdentity>().GetClusterIdAsync(CancellationToken.None);
        var ours = await RunLabelledAsync(app.AppId, cluster, "ghost1");
        var theirs = await RunLabelledAsync(app.AppId, "another-installation", "ghost2");
        try
        {
            Reconcile();

            await Poll.TrueAsync(async () => (await DockerCli.RunAsync(null, "ps", "-aq", "--no-trunc", "--filter", $"id={ours}")).Length == 0,
                TimeSpan.FromSeconds(15), "our orphan removed");
            Assert.Equal("running", await DockerCli.RunAsync(null, "inspect", "--format", "{{.State.Status}}", theirs));
            // Recorded just after the removal: waited for, not raced.
            await Poll.TrueAsync(async () => (await app.EventsAsync()).Any(e => e.GetProperty("message").GetString()!.Contains("no instance owns it", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(5), "the removal recorded as an event");
            Assert.Single(await app.InstancesAsync());
        }
        finally
        {
            await DockerCli.RunAsync(null, "rm", "-f", theirs);
        }
    }

    [Fact]
    public async Task Reconcile_DiscoveryDrift_ListsExactlyTheServingInstancesAgain()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "drift", "restart", 2);
        var instances = await app.InstancesAsync();
        var discovery = Service<IDiscoveryStore>();
        await discovery.DeleteAsync(ServiceKeys.Address(app.AppId, "v1", AppProbe.ContainerId(instances[0])), CancellationToken.None);
        await discovery.PutAsync(ServiceKeys.Address(app.AppId, "v1", "deadbeef"), "127.0.0.1:1", CancellationToken.None);

        Reconcile();

        await Poll.TrueAsync(async () => (await app.DiscoveredAsync()).Order().SequenceEqual(instances.Select(AppProbe.ContainerId).Order()),
            TimeSpan.FromSeconds(15), "discovery listing exactly the two instances");
        // The reconciler records the event just after it fixed discovery: wait for it rather than race it.
        await Poll.TrueAsync(async () => (await app.EventsAsync()).Any(e => e.GetProperty("message").GetString()!.StartsWith("discovery corrected", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), "the correction recorded as an event");
    }

    [Fact]
    public async Task Reconcile_WantedCountChangedInTheStore_StartsWhatIsShortThenRetiresTheSurplus()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "count", "restart", 1);
        var store = Service<IStateStore>();
        var wanted = (await store.GetAppAsync(app.AppId, CancellationToken.None))!;

        await store.UpdateAppAsync(wanted with { Instances = 2 }, CancellationToken.None);
        Reconcile();
        await Poll.TrueAsync(async () => (await app.InstancesAsync()).Count(i => AppProbe.State(i) == "running") == 2 && (await app.DiscoveredAsync()).Length == 2,
            TimeSpan.FromSeconds(30), "a second instance started and registered");

        await store.UpdateAppAsync(wanted with { Instances = 1 }, CancellationToken.None);
        Reconcile();
        await Poll.TrueAsync(async () => (await app.InstancesAsync()).Length == 1 && (await app.DiscoveredAsync()).Length == 1 && (await _berth.ContainersOfAsync(app.AppId)).Count == 1,
            TimeSpan.FromSeconds(30), "back to one instance");
    }

    [Fact]
    public async Task Reconcile_ReservationWithoutContainer_IsReleased()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "half", "restart", 1);
        var store = Service<IStateStore>();
        var host = (await store.ListHostUsageAsync(CancellationToken.None)).Single().Host;
        await store.ReserveInstanceAsync(new InstanceReservation
        {
            InstanceId = "halfstarted",
            AppId = app.AppId,
            Version = "v1",
            DeploymentId = "d-crashed",
            HostName = host.Name,
            ExpectedHostVersion = host.Version,
            MemoryMb = 32,
            CpuShares = 64,
        }, CancellationToken.None);

        Reconcile();

        await Poll.TrueAsync(async () => await store.GetInstanceAsync("halfstarted", CancellationToken.None) is null, TimeSpan.FromSeconds(15), "the reservation released");
        Assert.Single(await app.InstancesAsync());
        Assert.Single(await app.DiscoveredAsync());
    }

    /// <summary>A hello container carrying Berth's labels for an instance no store knows.</summary>
    private static Task<string> RunLabelledAsync(string appId, string cluster, string instanceId) =>
        DockerCli.RunAsync(null, "run", "-d", "--init", "--label", $"{BerthLabels.Managed}=true", "--label", $"{BerthLabels.Cluster}={cluster}",
            "--label", $"{BerthLabels.App}={appId}", "--label", $"{BerthLabels.Instance}={instanceId}", "127.0.0.1:5000/hello:v1");
}
