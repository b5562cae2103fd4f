using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests;

/// <summary>An instance killed under the gateway: idempotent requests never fail at the client.</summary>
public sealed class GatewayFailoverTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task DockerKill_OneOfTwoInstances_NoRequestFailsAndTheDeadOneIsSkipped()
    {
        var tenant = await _berth.TenantAsync("failover");
        // onFailure remove: self-healing takes the killed instance away instead of restarting it, so what is left to
        // see is the gateway's own failover to the survivor.
        var id = BerthTestServer.UniqueAppId("failover");
        (await tenant.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 64, cpuShares = 128, drainSeconds = 0, onFailure = "remove" }))
            .EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v1", 2)).GetProperty("state").GetString());
        var host = $"{id}.localhost";
        var seen = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            seen.Add(await TextAsync(_berth.Gateway, host));
        }

        Assert.Equal(2, seen.Count);
        var instances = await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/instances", BerthTestServer.Json);
        var victim = instances![0].GetProperty("containerId").GetString()!;
        await DockerAsync("kill", victim);

        var answers = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(7) || answers.Count < 200)
        {
            answers.Add(await TextAsync(_berth.Gateway, host));
        }

        // Past the 5 s back-off the dead instance is tried again, and the retry covers that too.
        Assert.All(answers, a => Assert.StartsWith("hello v1 from ", a));
        Assert.Single(answers.Distinct());
        var stats = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/stats");
        var perInstance = stats.GetProperty("instances").EnumerateArray().ToDictionary(
            i => i.GetProperty("instance").GetString()!, i => i.GetProperty("traffic").GetProperty("requests").GetInt64());
        Assert.True(perInstance.GetValueOrDefault(victim) <= 5, $"the killed instance answered {perInstance.GetValueOrDefault(victim)} requests");
        Assert.Equal(answers.Count + 10, stats.GetProperty("total").GetProperty("responses").GetProperty("2xx").GetInt64());
    }

    private static async Task DockerAsync(params string[] arguments)
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await docker.WaitForExitAsync();
        Assert.True(docker.ExitCode == 0, await docker.StandardError.ReadToEndAsync());
    }
}
