using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests;

/// <summary>Active health checks on real containers: a failing instance leaves rotation and is handled per policy.</summary>
public sealed class HealthCheckTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await HealingServer.StartAsync();
        _tenant = await _berth.TenantAsync("healthy");
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task HealthFlipsToFailing_Restart_LeavesRotationInTimeIsRestartedAndComesBackWhenHealthy()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "flip", "restart", 2);
        var instances = await app.InstancesAsync();
        var (sick, well) = (instances[0], instances[1]);
        var sickContainer = AppProbe.ContainerId(sick);

        await FlipUnhealthyAsync(app, sickContainer);

        for (var i = 0; i < 10; i++)
        {
            Assert.StartsWith(await HealingServer.ServedByAsync(_berth, app.AppId), AppProbe.ContainerId(well));
        }

        // Restarted in place: same container, restarted, and (its /_ping file still gone) kept out of rotation with a growing back-off.
        await Poll.TrueAsync(async () => await app.InstanceAsync(AppProbe.Id(sick)) is { } i && i.GetProperty("restartCount").GetInt32() >= 2,
            TimeSpan.FromSeconds(20), "two in-place restarts");
        Assert.Equal(sickContainer, AppProbe.ContainerId(HealingServer.Only(await app.InstancesAsync(), AppProbe.Id(sick))));
        Assert.DoesNotContain(sickContainer, await app.DiscoveredAsync());

        await DockerCli.MakeHealthyAsync(sickContainer);
        // Registered first, then recorded as running: wait for both.
        await Poll.TrueAsync(async () => (await app.DiscoveredAsync()).Contains(sickContainer)
            && HealingServer.Only(await app.InstancesAsync(), AppProbe.Id(sick)) is var i && AppProbe.State(i) == "running" && i.GetProperty("health").GetString() == "healthy",
            TimeSpan.FromSeconds(10), "the recovered instance back in discovery, running and healthy");
        var recovered = HealingServer.Only(await app.InstancesAsync(), AppProbe.Id(sick));
        Assert.Equal(JsonValueKind.Null, recovered.GetProperty("nextRestartAt").ValueKind);
        var served = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            served.Add(await HealingServer.ServedByAsync(_berth, app.AppId));
        }

        Assert.Equal(2, served.Count);
        var types = await app.EventTypesAsync();
        Assert.Contains("unhealthy", types);
        Assert.Contains("restarted", types);
        Assert.Equal("recovered", types[^1]);
    }

    [Fact]
    public async Task HealthFlipsToFailing_Replace_IsReplacedByANewInstance()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "repl", "replace", 2);
        var sick = (await app.InstancesAsync())[0];

        await FlipUnhealthyAsync(app, AppProbe.ContainerId(sick));

        var replaced = await Poll.GetAsync(async () =>
        {
            var now = await app.InstancesAsync();
            return now.Length == 2 && now.All(i => AppProbe.Id(i) != AppProbe.Id(sick) && AppProbe.State(i) == "running") ? now : null;
        }, TimeSpan.FromSeconds(30), "a replacement running in place of the failed instance");
        Assert.Equal(replaced.Select(AppProbe.ContainerId).Order(), (await app.DiscoveredAsync()).Order());
        Assert.DoesNotContain(await _berth.ContainersOfAsync(app.AppId), c => c.Id == AppProbe.ContainerId(sick));
        var events = await app.EventsAsync();
        var replacedEvent = events.Single(e => e.GetProperty("type").GetString() == "replaced");
        Assert.Equal(AppProbe.Id(sick), replacedEvent.GetProperty("instanceId").GetString());
        Assert.Contains(replaced.Select(AppProbe.Id), id => replacedEvent.GetProperty("message").GetString()!.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HealthFlipsToFailing_Remove_AppRunsWithFewerAndSaysSo()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "remv", "remove", 2);
        var (sick, well) = ((await app.InstancesAsync())[0], (await app.InstancesAsync())[1]);

        await FlipUnhealthyAsync(app, AppProbe.ContainerId(sick));

        await Poll.TrueAsync(async () => (await app.InstancesAsync()).Length == 1, TimeSpan.FromSeconds(10), "the failed instance removed");
        Assert.Equal(AppProbe.Id(well), AppProbe.Id(Assert.Single(await app.InstancesAsync())));
        Assert.Equal([AppProbe.ContainerId(well)], await app.DiscoveredAsync());
        Assert.Single(await _berth.ContainersOfAsync(app.AppId));
        var view = await _tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{app.AppId}", BerthTestServer.Json);
        Assert.Equal(1, view.GetProperty("instances").GetInt32());
        var removed = (await app.EventsAsync()).Single(e => e.GetProperty("type").GetString() == "removed");
        Assert.Contains("now runs 1 instance(s) instead of 2", removed.GetProperty("message").GetString());
    }

    /// <summary>
    /// Turns the instance's health check failing and waits until it has left rotation: out of discovery, and six
    /// requests in a row through the gateway served by others. The time it took (the design's bound is interval ×
    /// retries + 1 s = 3 s here) is printed, not asserted: a busy 2-core machine delays probes by seconds.
    /// </summary>
    private async Task FlipUnhealthyAsync(AppProbe app, string containerId)
    {
        await DockerCli.MakeUnhealthyAsync(containerId);
        var outAfter = await Poll.TrueAsync(async () =>
        {
            if ((await app.DiscoveredAsync()).Contains(containerId))
            {
                return false;
            }

            for (var i = 0; i < 6; i++)
            {
                if (containerId.StartsWith(await HealingServer.ServedByAsync(_berth, app.AppId), StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromMinutes(1), "the failing instance leaving rotation", TimeSpan.FromMilliseconds(50));

        TestContext.Current.TestOutputHelper?.WriteLine($"left rotation after {outAfter.TotalSeconds:0.00} s (bound 3 s)");
    }
}
