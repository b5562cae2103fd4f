using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// SIGKILL of the control plane at named steps of a deploy, scale or delete (the <c>BERTH_TEST_CRASH_AT</c> hook of a
/// real <c>berth up</c> process), then a restart on the same data: it must end with exactly the wanted containers,
/// ports and discovery entries — nothing orphaned, doubled or lost.
/// </summary>
public sealed class CrashTests
{
    private static readonly TimeSpan ConvergeLimit = TimeSpan.FromSeconds(45);

    [Theory]
    [InlineData("launch-created:2", "scale-up", "v1", 1)]
    [InlineData("launch-started:2", "scale-up", "v1", 1)]
    [InlineData("launch-registered:3", "scale-up", "v1", 1)]
    [InlineData("rollout-activated:2", "rollout", "v2", 2)]
    [InlineData("retire-deregistered:1", "rollout", "v2", 2)]
    [InlineData("retire-removed:1", "scale-down", "v1", 1)]
    [InlineData("delete-retired:1", "delete", null, 0)]
    public async Task KilledMidOperation_Restarted_ConvergesToExactlyTheWantedState(string crashAt, string operation, string? version, int instances)
    {
        var settings = BerthProcess.NewSettings();
        var appId = BerthTestServer.UniqueAppId("crash");
        try
        {
            await using (var doomed = await BerthProcess.StartAsync(settings, crashAt))
            {
                using var admin = doomed.Admin();
                Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/apps", new { id = appId, image = "hello", memoryMb = 32, cpuShares = 64, drainSeconds = 0 })).StatusCode);
                await StartOperationAsync(admin, appId, operation);

                Assert.Equal(137, await doomed.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                Assert.Contains($"crash point {crashAt.Split(':')[0]} reached", doomed.Output);
            }

            await using var revived = await BerthProcess.StartAsync(settings);
            using var client = revived.Admin();
            string? last = null;
            await Eventually.TrueAsync(async () => (last = await DifferenceAsync(revived, client, appId, version, instances)) is null,
                ConvergeLimit, $"convergence after a crash at {crashAt}", TimeSpan.FromMilliseconds(250), () => $"{last}\n{revived.Output}");

            var deployments = version is null ? [] : await client.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{appId}/deployments", BerthTestServer.Json) ?? [];
            Assert.All(deployments, d => Assert.Contains(d.GetProperty("state").GetString(), new[] { "succeeded", "failed" }));
            if (version is not null)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/apps/{appId}")).StatusCode);
            }
        }
        finally
        {
            await RemoveLeftoversAsync(appId);
            Directory.Delete(settings.DataDirectory, recursive: true);
        }
    }

    /// <summary>Brings the app to where the crash point lies on the way of <paramref name="operation"/>, and starts it.</summary>
    private static async Task StartOperationAsync(HttpClient admin, string appId, string operation)
    {
        var first = await BerthTestServer.DeployAsync(admin, appId, "v1", operation == "scale-up" ? 1 : 2);
        Assert.Equal("succeeded", first.GetProperty("state").GetString());
        try
        {
            var response = operation switch
            {
                "scale-up" => await admin.PutAsJsonAsync($"/v1/apps/{appId}/scale", new { instances = 3 }),
                "scale-down" => await admin.PutAsJsonAsync($"/v1/apps/{appId}/scale", new { instances = 1 }),
                "rollout" => await admin.PostAsJsonAsync($"/v1/apps/{appId}/deployments", new { version = "v2", instances = 2 }),
                _ => await admin.DeleteAsync($"/v1/apps/{appId}"),
            };
            Assert.True(response.IsSuccessStatusCode, $"{operation} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException)
        {
            // A delete runs inside the request: the crash cuts the connection.
        }
    }

    /// <summary>What still differs from the wanted state, or null when the store, the engine, discovery and the gateway all agree.</summary>
    private static async Task<string?> DifferenceAsync(BerthProcess berth, HttpClient client, string appId, string? version, int count)
    {
        var containers = (await DockerCli.RunAsync(null, "ps", "-a", "--no-trunc", "--filter", $"label=berth.app={appId}", "--format", "{{.ID}} {{.State}}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        var app = await client.GetAsync($"/v1/apps/{appId}");
        if (version is null)
        {
            return app.StatusCode == HttpStatusCode.NotFound && containers.Count == 0 ? null : $"app answers {(int)app.StatusCode}, {containers.Count} container(s) left";
        }

        var view = await app.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        if (view.GetProperty("activeVersion").GetString() != version || view.GetProperty("instances").GetInt32() != count)
        {
            return $"app wants {view.GetProperty("activeVersion")} x {view.GetProperty("instances")}";
        }

        var instances = await client.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{appId}/instances", BerthTestServer.Json) ?? [];
        var serving = instances.Where(i => AppProbe.State(i) == "running" && i.GetProperty("health").GetString() == "healthy" && i.GetProperty("version").GetString() == version).ToList();
        if (instances.Length != count || serving.Count != count)
        {
            return $"instances: {string.Join(", ", instances.Select(i => $"{AppProbe.Id(i)} {i.GetProperty("version")} {AppProbe.State(i)}"))}";
        }

        var wanted = serving.ToDictionary(AppProbe.ContainerId, i => i.GetProperty("address").GetString());
        if (!containers.Keys.Order().SequenceEqual(wanted.Keys.Order()) || containers.Values.Any(state => state != "running"))
        {
            return $"containers: {string.Join(", ", containers.Select(c => $"{c.Key[..12]} {c.Value}"))}";
        }

        var entries = (await client.GetFromJsonAsync<JsonElement[]>($"/v1/discovery/{appId}", BerthTestServer.Json) ?? [])
            .ToDictionary(e => e.GetProperty("key").GetString()!.Split('/')[^1], e => e.GetProperty("value").GetString());
        if (entries.Count != count || entries.Any(e => wanted.GetValueOrDefault(e.Key) != e.Value))
        {
            return $"discovery: {string.Join(", ", entries.Select(e => $"{e.Key[..12]}={e.Value}"))}";
        }

        if (wanted.Values.Distinct().Count() != count)
        {
            return "two instances share an address";
        }

        var response = await berth.ThroughGatewayAsync(appId);
        var body = await response.Content.ReadAsStringAsync();
        return body.StartsWith($"hello {version} from", StringComparison.Ordinal) ? null : $"gateway answered {(int)response.StatusCode} {body}";
    }

    private static async Task RemoveLeftoversAsync(string appId)
    {
        var ids = await DockerCli.RunAsync(null, "ps", "-aq", "--filter", $"label=berth.app={appId}");
        if (ids.Length > 0)
        {
            await DockerCli.RunAsync(null, ["rm", "-f", .. ids.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
        }
    }
}
