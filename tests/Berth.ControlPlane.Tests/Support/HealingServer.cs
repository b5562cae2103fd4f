using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Hosting;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>Short intervals, so failures are noticed and healed in seconds, and an app made to fail on purpose.</summary>
public static class HealingServer
{
    /// <summary>A Berth whose heartbeats, back-off and reconcile passes are fast enough for tests.</summary>
    public static Task<BerthTestServer> StartAsync(int portRangeSize = 20, Action<BerthServerOptions>? configure = null) =>
        BerthTestServer.StartAsync(portRangeSize, options =>
        {
            options.Healing.ReconcileInterval = TimeSpan.FromSeconds(5);
            options.Healing.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
            // A busy 2-core machine can take over half a second to answer a ping of the healthy local engine; three
            // such misses would mark it down and replace every instance of the test.
            options.Healing.HeartbeatTimeout = TimeSpan.FromSeconds(2);
            options.Healing.HeartbeatMisses = 3;
            options.Healing.RestartBackoff = TimeSpan.FromSeconds(1);
            configure?.Invoke(options);
        });

    /// <summary>
    /// Creates a hello app probed every second, unhealthy after two failures (the test settings), with no
    /// drain, and deploys <paramref name="instances"/> of v1.
    /// </summary>
    public static async Task<AppProbe> DeployHelloAsync(HttpClient tenant, string stem, string onFailure, int instances, string image = "hello", int startSeconds = 2)
    {
        var id = BerthTestServer.UniqueAppId(stem);
        var created = await tenant.PostAsJsonAsync("/v1/apps", new
        {
            id,
            image,
            memoryMb = 32,
            cpuShares = 64,
            drainSeconds = 0,
            onFailure,
            healthCheck = new { intervalSeconds = 1, timeoutSeconds = 1, retries = 2, startSeconds },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var deployment = await BerthTestServer.DeployAsync(tenant, id, "v1", instances);
        Assert.Equal("succeeded", deployment.GetProperty("state").GetString());
        return new AppProbe(tenant, id);
    }

    /// <summary>The container id part of the body "hello v1 from HOSTNAME": Docker makes the hostname the short container id.</summary>
    public static async Task<string> ServedByAsync(BerthTestServer berth, string appId)
    {
        var response = await berth.ThroughGatewayAsync(appId);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? body.Trim().Split(' ')[^1] : $"{(int)response.StatusCode}";
    }

    public static JsonElement Only(JsonElement[] instances, string instanceId) => instances.Single(i => AppProbe.Id(i) == instanceId);
}
