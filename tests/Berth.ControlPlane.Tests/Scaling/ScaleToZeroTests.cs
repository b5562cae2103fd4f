using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Scaling;

/// <summary>
/// Scale to zero on the real engine through the real gateway: an app with min 0 left idle runs no container, and
/// requests then wake it (every one answered 200, one wake for many requests); a wake whose image is gone answers
/// 503 with Retry-After and an event says why.
/// </summary>
public sealed class ScaleToZeroTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(portRangeSize: 20, configure: o => o.Autoscale.Interval = TimeSpan.FromSeconds(1));

        // Longer than a wake may take on a busy machine (the gateway holds for up to 30 s).
        _gateway = new HttpClient { BaseAddress = _berth.Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        _gateway.Dispose();
        await _berth.DisposeAsync();
    }

    [Fact]
    public async Task ScaleToZero_IdleThenOneRequest_NoContainerThen200()
    {
        var tenant = await _berth.TenantAsync("sleep-one");
        var id = await SleepingAppAsync(tenant, "sleepy", "hello");

        using var response = await BerthTestServer.ThroughGatewayAsync(_gateway, id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("hello v1 from ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Recorded once the wake deployment ends, which may be just after the held request went through.
        var woken = await Poll.GetAsync(async () => (await EventsAsync(tenant, id, "woken")).FirstOrDefault(), TimeSpan.FromSeconds(30), "the woken event");
        Assert.StartsWith("woken by a request (gateway ", woken, StringComparison.Ordinal);
        Assert.Contains("one instance serving after", woken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleToZero_FiftyConcurrentRequestsToSleepingApp_AllGet200()
    {
        var tenant = await _berth.TenantAsync("sleep-fifty");
        var id = await SleepingAppAsync(tenant, "crowd", "hello");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await BerthTestServer.ThroughGatewayAsync(_gateway, id);
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        await Poll.GetAsync(async () => (await EventsAsync(tenant, id, "woken")).FirstOrDefault(), TimeSpan.FromSeconds(30), "the woken event");
    }

    [Fact]
    public async Task ScaleToZero_ImageGoneWhenWoken_503WithRetryAfterAndEventSaysWhy()
    {
        // A tag of the sample made for this test on the engine alone: once removed, no registry has it.
        var image = BerthTestServer.UniqueAppId("wake-gone");
        var tag = $"127.0.0.1:5000/{image}:v1";
        await DockerCli.RunAsync(null, "tag", "127.0.0.1:5000/hello:v1", tag);
        var tenant = await _berth.TenantAsync("sleep-gone");
        var id = await SleepingAppAsync(tenant, "gone", image);
        await DockerCli.RunAsync(null, "rmi", tag);

        using var response = await BerthTestServer.ThroughGatewayAsync(_gateway, id);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains($"App {id} could not be woken: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var failed = await EventsAsync(tenant, id, "wakeFailed");
        Assert.Contains(failed, m => m.StartsWith("waking on a request (gateway ", StringComparison.Ordinal) && m.Contains(image, StringComparison.Ordinal));
        Assert.Empty(await RunningAsync(id));
    }

    /// <summary>Deploys one instance of <paramref name="image"/>, lets it sleep after 2 idle seconds, and waits until no container of it runs.</summary>
    private async Task<string> SleepingAppAsync(HttpClient tenant, string stem, string image)
    {
        var id = BerthTestServer.UniqueAppId(stem);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PostAsJsonAsync("/v1/apps", new { id, image, memoryMb = 64, cpuShares = 128, drainSeconds = 0 })).StatusCode);
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v1", 1)).GetProperty("state").GetString());
        var set = await tenant.PutAsJsonAsync($"/v1/apps/{id}/autoscale", new { min = 0, max = 2, target = new { requestsPerSecondPerInstance = 50 }, idleSeconds = 2 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        await Poll.TrueAsync(async () => (await RunningAsync(id)).Count == 0 && await SleepingAsync(tenant, id), TimeSpan.FromSeconds(90),
            "the idle app asleep with no container", every: TimeSpan.FromMilliseconds(250));
        Assert.Contains(await EventsAsync(tenant, id, "slept"), m => m.StartsWith("no request for ", StringComparison.Ordinal));
        return id;
    }

    private async Task<List<string>> RunningAsync(string id) =>
        [.. (await _berth.ContainersOfAsync(id)).Where(c => c.Running).Select(c => c.Id)];

    private static async Task<bool> SleepingAsync(HttpClient tenant, string id) =>
        (await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/autoscale", BerthTestServer.Json)).GetProperty("sleeping").GetBoolean();

    private static async Task<List<string>> EventsAsync(HttpClient tenant, string id, string type) =>
        [.. (await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/events", BerthTestServer.Json)).EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == type)
            .Select(e => e.GetProperty("message").GetString()!)];
}
