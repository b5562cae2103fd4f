using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests;

/// <summary>Containers that die behind Berth's back, noticed through the engine's event stream.</summary>
public sealed partial class HealthEngineEventTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await HealingServer.StartAsync();
        _tenant = await _berth.TenantAsync("killers");
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task DockerKill_Replace_DeregisteredWithinOneSecondAndReplaced()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "kill", "replace", 2);
        var victim = (await app.InstancesAsync())[0];

        await DockerCli.KillAsync(AppProbe.ContainerId(victim));
        var outAfter = await Poll.TrueAsync(async () => !(await app.DiscoveredAsync()).Contains(AppProbe.ContainerId(victim)),
            TimeSpan.FromSeconds(10), "the killed instance leaving discovery", TimeSpan.FromMilliseconds(20));

        Assert.True(outAfter < TimeSpan.FromSeconds(1), $"left discovery after {outAfter.TotalSeconds:0.00} s");
        var now = await Poll.GetAsync(async () =>
        {
            var instances = await app.InstancesAsync();
            return instances.Length == 2 && instances.All(i => AppProbe.Id(i) != AppProbe.Id(victim) && AppProbe.State(i) == "running") ? instances : null;
        }, TimeSpan.FromSeconds(30), "a replacement for the killed instance");
        Assert.Equal(now.Select(AppProbe.ContainerId).Order(), (await app.DiscoveredAsync()).Order());
        Assert.Equal(2, (await _berth.ContainersOfAsync(app.AppId)).Count);
        var exited = (await app.EventsAsync()).First(e => e.GetProperty("type").GetString() == "exited");
        // The engine's event names the exit code; on a busy machine the reconciler's pass may notice the exit first,
        // from the container's state alone. Either records the exit once.
        Assert.Matches("exited with code 137|its container is exited", exited.GetProperty("message").GetString());
    }

    [Fact]
    public async Task CrashLoop_Restart_RestartsSpacedOutExponentiallyAndVisibleOnTheInstance()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "loop", "restart", 1);
        var looping = Assert.Single(await app.InstancesAsync());
        var container = AppProbe.ContainerId(looping);

        // Without /www the container's command fails at once on every start: a crash loop.
        await DockerCli.RunAsync(null, "exec", container, "rm", "-rf", "/www");
        await DockerCli.KillAsync(container);

        // The back-off shows on the instance while it waits: failed, out of discovery, with its next restart's time.
        var pending = await Poll.GetAsync(async () =>
            (await app.InstancesAsync()).Select(i => (JsonElement?)i).FirstOrDefault(i =>
                AppProbe.State(i!.Value) == "failed" && i.Value.GetProperty("restartCount").GetInt32() >= 2
                && i.Value.GetProperty("nextRestartAt").ValueKind == JsonValueKind.String) is { } i ? new[] { i } : null,
            TimeSpan.FromSeconds(30), "a restart waiting out its back-off", TimeSpan.FromMilliseconds(50));
        Assert.Equal("unhealthy", pending[0].GetProperty("health").GetString());
        Assert.Empty(await app.DiscoveredAsync());

        await Poll.TrueAsync(async () => (await RestartsAsync(app)).Count >= 4, TimeSpan.FromSeconds(40), "four restarts");
        var restarts = (await RestartsAsync(app)).Take(4).ToList();

        // Each exit schedules the next restart twice as far off as the one before (the first at once), and it is not restarted earlier.
        Assert.Equal([0, 1, 2, 4], restarts.Select(r => r.Backoff.TotalSeconds));
        Assert.All(restarts, r => Assert.True(r.Waited >= r.Backoff - TimeSpan.FromMilliseconds(50), $"restarted after {r.Waited} instead of {r.Backoff}"));
        Assert.Equal(container, AppProbe.ContainerId(Assert.Single(await app.InstancesAsync())));
    }

    /// <summary>Each exit's announced back-off, and how long it really took until the restart that followed.</summary>
    private static async Task<List<(TimeSpan Backoff, TimeSpan Waited)>> RestartsAsync(AppProbe app)
    {
        var restarts = new List<(TimeSpan, TimeSpan)>();
        (DateTimeOffset Time, TimeSpan Backoff)? exit = null;
        foreach (var e in await app.EventsAsync())
        {
            var (type, message, time) = (e.GetProperty("type").GetString(), e.GetProperty("message").GetString()!, e.GetProperty("time").GetDateTimeOffset());
            if (type == "exited" && BackoffPattern().Match(message) is { Success: true } match)
            {
                exit = (time, TimeSpan.FromSeconds(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
            else if (type == "restarted" && message.StartsWith("restarted", StringComparison.Ordinal) && exit is { } last)
            {
                restarts.Add((last.Backoff, time - last.Time));
                exit = null;
            }
        }

        return restarts;
    }

    [GeneratedRegex(@"in place in ([0-9.]+) s")]
    private static partial Regex BackoffPattern();
}
