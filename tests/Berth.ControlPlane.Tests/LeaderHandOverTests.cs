using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// Two real <c>berth server</c> processes on one PostgreSQL database and one etcd, against the shared engine: only the
/// elected leader probes, follows engine events and reconciles, both serve the API, and when the leader is SIGKILLed the
/// other takes over within the lease TTL and heals what breaks afterwards.
/// </summary>
public sealed class LeaderHandOverTests : IAsyncLifetime
{
    private const int Instances = 3;
    private static readonly TimeSpan LeaderTtl = TimeSpan.FromSeconds(3);
    // etcd looks for expired leases twice a second; the survivor then grants a lease, wins the campaign and starts its work.
    private static readonly TimeSpan HandOverMargin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HealLimit = TimeSpan.FromSeconds(45);
    private static readonly string[] LeaderWork = ["engine event follower", "health monitor", "host monitor", "reconciler"];

    private readonly string appId = BerthTestServer.UniqueAppId("leader");
    private PostgresDatabase? database;
    private PrivateEtcd? etcd;
    private BerthServerProcess[] servers = [];
    private BerthProcess? gateway;
    private string adminToken = "";

    public async ValueTask InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        etcd = await PrivateEtcd.StartAsync();
        var ports = BerthTestServer.FreeSlice(20);
        var shared = new SharedControlPlaneSettings(
            database.ConnectionString, etcd.Endpoint, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), $"{ports}-{ports + 19}", LeaderTtl);
        // One after the other: the first makes the schema and the admin token, the second finds both.
        servers = [await BerthServerProcess.StartAsync(shared)];
        servers = [servers[0], await BerthServerProcess.StartAsync(shared)];
        adminToken = (await File.ReadAllTextAsync(servers[0].AdminTokenPath)).Trim();
        gateway = await BerthProcess.StartGatewayAsync("--discovery", "etcd", "--discovery-endpoint", etcd.Endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        var left = await DockerCli.RunAsync(null, "ps", "-aq", "--filter", $"label=berth.app={appId}");
        if (left.Length > 0)
        {
            await DockerCli.RunAsync(null, ["rm", "-f", .. left.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
        }

        if (etcd is not null)
        {
            await etcd.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task ContainerRemovedBehindBerthsBack_TwoControlPlanes_OnlyTheLeaderReplacesItExactlyOnce()
    {
        var (leader, follower) = await LeadershipAsync();
        using var viaFollower = follower.Client(adminToken);
        // Both serve the API on the shared database: a deploy through the follower runs there and is watched by the leader.
        await DeployAsync(viaFollower);

        var victim = await AnInstanceAsync(viaFollower);
        var since = EngineClock();
        await DockerCli.RunAsync(null, "rm", "-f", victim.ContainerId);

        await ConvergedAsync(viaFollower, $"the removed {victim.Id} replaced");
        Assert.DoesNotContain((await new AppProbe(viaFollower, appId).InstancesAsync()), i => AppProbe.Id(i) == victim.Id);
        Assert.Single(await CreatedSinceAsync(since));
        Assert.Contains($"{appId} instance {victim.Id}: its container exited", leader.Output);
        Assert.DoesNotContain($"{appId} instance", follower.Output);
        var view = await BerthServerProcess.LeaderViewAsync(viaFollower);
        Assert.False(view.GetProperty("leading").GetBoolean());
        Assert.Empty(view.GetProperty("work").EnumerateArray());
    }

    [Fact]
    public async Task LeaderKilled_TwoControlPlanes_TheOtherLeadsWithinTheTtlAndHeals()
    {
        var (leader, survivor) = await LeadershipAsync();
        using var admin = survivor.Client(adminToken);
        await DeployAsync(admin);

        await leader.KillAsync();
        JsonElement view = default;
        var handOver = await Poll.TrueAsync(async () =>
        {
            view = await BerthServerProcess.LeaderViewAsync(admin);
            return view.GetProperty("leading").GetBoolean() && view.GetProperty("leader").GetString() == view.GetProperty("self").GetString();
        }, LeaderTtl + HandOverMargin, "the survivor taking over", TimeSpan.FromMilliseconds(100), () => $"{view}\n{survivor.Output}");
        TestContext.Current.TestOutputHelper?.WriteLine($"hand-over took {handOver.TotalSeconds:0.00} s (lease TTL {LeaderTtl.TotalSeconds} s)");
        Assert.Equal(LeaderWork, view.GetProperty("work").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("leads the control planes", survivor.Output);

        var killed = await AnInstanceAsync(admin);
        var since = EngineClock();
        await DockerCli.KillAsync(killed.ContainerId);
        await ConvergedAsync(admin, $"the killed {killed.Id} replaced by the new leader");
        Assert.Single(await CreatedSinceAsync(since));

        var flipped = await AnInstanceAsync(admin);
        since = EngineClock();
        await DockerCli.MakeUnhealthyAsync(flipped.ContainerId);
        var probe = new AppProbe(admin, appId);
        await Poll.TrueAsync(async () => (await probe.InstancesAsync()).All(i => AppProbe.Id(i) != flipped.Id), HealLimit,
            $"the unhealthy {flipped.Id} replaced", diagnose: () => survivor.Output);
        await ConvergedAsync(admin, "the app whole again after a health flip");
        Assert.Single(await CreatedSinceAsync(since));
        var events = (await probe.EventsAsync()).Where(e => e.GetProperty("instanceId").GetString() == flipped.Id).Select(e => e.GetProperty("type").GetString());
        Assert.Contains("unhealthy", events);
        Assert.Contains("replaced", events);
    }

    /// <summary>Waits until both control planes agree that exactly one of them leads and runs all the leader work.</summary>
    private async Task<(BerthServerProcess Leader, BerthServerProcess Follower)> LeadershipAsync()
    {
        var admins = servers.Select(s => s.Client(adminToken)).ToArray();
        try
        {
            JsonElement[] views = [];
            await Poll.TrueAsync(async () =>
            {
                views = await Task.WhenAll(admins.Select(BerthServerProcess.LeaderViewAsync));
                var leading = views.Where(v => v.GetProperty("leading").GetBoolean()).ToList();
                return leading.Count == 1 && leading[0].GetProperty("work").GetArrayLength() == LeaderWork.Length
                    && views.All(v => v.GetProperty("leader").GetString() == leading[0].GetProperty("self").GetString());
            }, TimeSpan.FromSeconds(30), "one leader both agree on", diagnose: () => string.Join("\n", views));

            var index = views[0].GetProperty("leading").GetBoolean() ? 0 : 1;
            var (leader, follower) = (servers[index], servers[1 - index]);
            Assert.True(views[index].GetProperty("elected").GetBoolean());
            Assert.Contains($"-{leader.Pid.ToString(CultureInfo.InvariantCulture)}-", views[index].GetProperty("self").GetString());
            Assert.Empty(views[1 - index].GetProperty("work").EnumerateArray());
            Assert.DoesNotContain("leads the control planes", follower.Output);
            return (leader, follower);
        }
        finally
        {
            foreach (var admin in admins)
            {
                admin.Dispose();
            }
        }
    }

    /// <summary>Creates the app (probed every second, replaced after two failures) and deploys it; waits until all agree.</summary>
    private async Task DeployAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/v1/apps", new
        {
            id = appId,
            image = "hello",
            memoryMb = 32,
            cpuShares = 64,
            drainSeconds = 0,
            onFailure = "replace",
            healthCheck = new { intervalSeconds = 1, timeoutSeconds = 1, retries = 2, startSeconds = 2 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(admin, appId, "v1", Instances)).GetProperty("state").GetString());
        await ConvergedAsync(admin, "the deployment through one control plane");
    }

    private Task ConvergedAsync(HttpClient admin, string what) =>
        Convergence.WaitAsync(admin, appId, "v1", Instances, [null], () => BerthTestServer.ThroughGatewayAsync(gateway!.Client, appId),
            HealLimit, what, () => string.Join("\n", servers.Select(s => $"--- berth server {s.Pid}:\n{s.Output}")));

    private async Task<(string Id, string ContainerId)> AnInstanceAsync(HttpClient admin)
    {
        var instance = (await new AppProbe(admin, appId).InstancesAsync())[0];
        return (AppProbe.Id(instance), AppProbe.ContainerId(instance));
    }

    /// <summary>Now on the engine's clock (the same machine's), in the form <c>docker events --since</c> takes.</summary>
    private static string EngineClock() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>The containers of the app the engine created since <paramref name="since"/>: whoever made them, nothing doubled hides here.</summary>
    private async Task<string[]> CreatedSinceAsync(string since) =>
        (await DockerCli.RunAsync(null, "events", "--since", since, "--until", EngineClock(), "--filter", "type=container", "--filter", "event=create",
            "--filter", $"label=berth.app={appId}", "--format", "{{.ID}}"))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
