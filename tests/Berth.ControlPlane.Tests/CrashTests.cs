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
        var settings = BerthUpProcess.NewSettings();
        var appId = BerthTestServer.UniqueAppId("crash");
        try
        {
            await using (var doomed = await BerthUpProcess.StartAsync(settings, crashAt))
            {
                using var admin = doomed.Admin();
                Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/apps", new { id = appId, image = "hello", memoryMb = 32, cpuShares = 64, drainSeconds = 0 })).StatusCode);
                await StartOperationAsync(admin, appId, operation);

                Assert.Equal(137, await doomed.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                Assert.Contains($"crash point {crashAt.Split(':')[0]} reached", doomed.Output);
            }

            await using var revived = await BerthUpProcess.StartAsync(settings);
            using var client = revived.Admin();
            await Convergence.WaitAsync(client, appId, version, instances, [null], () => revived.ThroughGatewayAsync(appId),
                ConvergeLimit, $"convergence after a crash at {crashAt}", () => revived.Output);

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

    private static async Task RemoveLeftoversAsync(string appId)
    {
        var ids = await DockerCli.RunAsync(null, "ps", "-aq", "--filter", $"label=berth.app={appId}");
        if (ids.Length > 0)
        {
            await DockerCli.RunAsync(null, ["rm", "-f", .. ids.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
        }
    }
}
