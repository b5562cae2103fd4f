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
    // The rest of the margin is for a busy 2-core machine, where a process may not be scheduled for a second or two.
    private static readonly TimeSpan HandOverMargin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HealLimit = TimeSpan.FromSeconds(45);
    /// <summary>What a leader runs (certificates only with an ACME directory, which these servers have not).</summary>
    internal static readonly string[] LeaderWork =
    [
        "autoscaler", "backup scheduler", "engine event follower", "health monitor", "host monitor", "host reaper", "metrics sampler", "reconciler",
        "service monitor", "wake watcher",
    ];

    private readonly string _appId = BerthTestServer.UniqueAppId("leader");
    private PostgresDatabase? _database;
    private PrivateEtcd? _etcd;
    private BerthServerProcess[] _servers = [];
    private BerthProcess? _gateway;
    private string _adminToken = "";

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _etcd = await PrivateEtcd.StartAsync();
        var ports = BerthTestServer.FreeSlice(20);
        var shared = new SharedControlPlaneSettings(
            _database.ConnectionString, _etcd.Endpoint, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), $"{ports}-{ports + 19}", LeaderTtl);
        // One after the other: the first makes the schema and the admin token, the second finds both.
        _servers = [await BerthServerProcess.StartAsync(shared)];
        _servers = [_servers[0], await BerthServerProcess.StartAsync(shared)];
        _adminToken = (await File.ReadAllTextAsync(_servers[0].AdminTokenPath)).Trim();
        _gateway = await BerthProcess.StartGatewayAsync("--discovery", "etcd", "--discovery-endpoint", _etcd.Endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        var left = await DockerCli.RunAsync(null, "ps", "-aq", "--filter", $"label=berth.app={_appId}");
        if (left.Length > 0)
        {
            await DockerCli.RunAsync(null, ["rm", "-f", .. left.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
        }

        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task BrokenInstances_TwoControlPlanes_OnlyTheLeaderHealsThemExactlyOnce()
    {
        var (leader, follower) = await LeadershipAsync();
        using var viaFollower = follower.Client(_adminToken);
        // Both serve the API on the shared database: a deploy through the follower runs there and is watched by the leader.
        await DeployAsync(viaFollower);

        // The leader follows the engine and probes what the follower started; the follower does neither.
        var removed = await HealedOnceAsync(viaFollower, id => DockerCli.RunAsync(null, "rm", "-f", id), "removed behind Berth's back");
        var flipped = await HealedOnceAsync(viaFollower, id => DockerCli.MakeUnhealthyAsync(id), "made unhealthy");
        Assert.Contains($"{_appId} instance {removed}: its container exited", leader.Output);
        Assert.Contains($"{_appId} instance {flipped}:", leader.Output);
        Assert.DoesNotContain($"{_appId} instance", follower.Output);
        var view = await BerthServerProcess.LeaderViewAsync(viaFollower);
        Assert.False(view.GetProperty("leading").GetBoolean());
        Assert.Empty(view.GetProperty("work").EnumerateArray());
    }

    [Fact]
    public async Task LeaderKilled_TwoControlPlanes_TheOtherLeadsWithinTheTtlAndHeals()
    {
        var (leader, survivor) = await LeadershipAsync();
        using (var viaLeader = leader.Client(_adminToken))
        {
            // Started by the leader: the survivor heals instances another process launched.
            await DeployAsync(viaLeader);
        }

        using var admin = survivor.Client(_adminToken);

        await leader.KillAsync();
        JsonElement view = default;
        var handOver = await Poll.TrueAsync(async () =>
        {
            view = await BerthServerProcess.LeaderViewAsync(admin);
            return view.GetProperty("leading").GetBoolean() && view.GetProperty("leader").GetString() == view.GetProperty("self").GetString()
                && RunsAllLeaderWork(view);
        }, LeaderTtl + HandOverMargin, "the survivor taking over", TimeSpan.FromMilliseconds(100), () => $"{view}\n{survivor.Output}");
        TestContext.Current.TestOutputHelper?.WriteLine($"hand-over took {handOver.TotalSeconds:0.00} s (lease TTL {LeaderTtl.TotalSeconds} s)");
        Assert.Contains("leads the control planes", survivor.Output);

        await HealedOnceAsync(admin, id => DockerCli.KillAsync(id), "killed after the hand-over");
        var flipped = await HealedOnceAsync(admin, id => DockerCli.MakeUnhealthyAsync(id), "made unhealthy after the hand-over");
        var events = (await new AppProbe(admin, _appId).EventsAsync()).Where(e => e.GetProperty("instanceId").GetString() == flipped)
            .Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("unhealthy", events);
        Assert.Contains("replaced", events);
    }

    /// <summary>Waits until both control planes agree that exactly one of them leads and runs all the leader work.</summary>
    private async Task<(BerthServerProcess Leader, BerthServerProcess Follower)> LeadershipAsync()
    {
        var admins = _servers.Select(s => s.Client(_adminToken)).ToArray();
        try
        {
            JsonElement[] views = [];
            await Poll.TrueAsync(async () =>
            {
                views = await Task.WhenAll(admins.Select(BerthServerProcess.LeaderViewAsync));
                var leading = views.Where(v => v.GetProperty("leading").GetBoolean()).ToList();
                return leading.Count == 1 && RunsAllLeaderWork(leading[0])
                    && views.All(v => v.GetProperty("leader").GetString() == leading[0].GetProperty("self").GetString());
            }, TimeSpan.FromSeconds(30), "one leader both agree on", diagnose: () => string.Join("\n", views));

            var index = views[0].GetProperty("leading").GetBoolean() ? 0 : 1;
            var (leader, follower) = (_servers[index], _servers[1 - index]);
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

    /// <summary>Whether the view lists every kind of leader work, in whatever order it comes.</summary>
    private static bool RunsAllLeaderWork(JsonElement view) =>
        view.GetProperty("work").EnumerateArray().Select(w => w.GetString()).ToHashSet().SetEquals(LeaderWork);

    /// <summary>Creates the app (probed every second, replaced after two failures) and deploys it; waits until all agree.</summary>
    private async Task DeployAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/v1/apps", new
        {
            id = _appId,
            image = "hello",
            memoryMb = 32,
            cpuShares = 64,
            drainSeconds = 0,
            onFailure = "replace",
            healthCheck = new { intervalSeconds = 1, timeoutSeconds = 1, retries = 2, startSeconds = 2 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(admin, _appId, "v1", Instances)).GetProperty("state").GetString());
        await ConvergedAsync(admin, "the deployment through one control plane");
    }

    private Task ConvergedAsync(HttpClient admin, string what) =>
        Convergence.WaitAsync(admin, _appId, "v1", Instances, [null], () => BerthTestServer.ThroughGatewayAsync(_gateway!.Client, _appId),
            HealLimit, what, Outputs);

    private string Outputs() => string.Join("\n", _servers.Select(s => $"--- berth server {s.Pid}:\n{s.Output}"));

    /// <summary>
    /// Breaks one instance's container with <paramref name="breakIt"/>, waits until a new instance has taken its place and
    /// all agree again, and checks that the engine created exactly one container meanwhile: healed once, nothing doubled.
    /// </summary>
    /// <returns>The broken instance's id.</returns>
    private async Task<string> HealedOnceAsync(HttpClient admin, Func<string, Task> breakIt, string what)
    {
        var probe = new AppProbe(admin, _appId);
        var instance = (await probe.InstancesAsync())[0];
        var id = AppProbe.Id(instance);
        var since = EngineClock();
        await breakIt(AppProbe.ContainerId(instance));

        await Poll.TrueAsync(async () => (await probe.InstancesAsync()).All(i => AppProbe.Id(i) != id), HealLimit, $"{id} ({what}) replaced",
            diagnose: Outputs);
        await ConvergedAsync(admin, $"the app whole again after {id} was {what}");
        Assert.Single(await CreatedSinceAsync(since));
        return id;
    }

    /// <summary>Now on the engine's clock (the same machine's), in the form <c>docker events --since</c> takes.</summary>
    private static string EngineClock() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>The containers of the app the engine created since <paramref name="since"/>: whoever made them, nothing doubled hides here.</summary>
    private async Task<string[]> CreatedSinceAsync(string since) =>
        (await DockerCli.RunAsync(null, "events", "--since", since, "--until", EngineClock(), "--filter", "type=container", "--filter", "event=create",
            "--filter", $"label=berth.app={_appId}", "--format", "{{.ID}}"))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
