using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Bench.Deploy;
using Berth.Bench.Shared;

namespace Berth.Bench.ColdStart;

/// <summary>One app of the sample image with scale to zero after a second idle, woken by one request per measurement.</summary>
internal sealed class SleepingApp(BerthProcess berth, string id)
{
    private static readonly HttpClient Gateway = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<SleepingApp> CreateAsync(BerthProcess berth)
    {
        var id = $"cold-{Environment.ProcessId}";
        (await berth.Admin.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 64, cpuShares = 256, drainSeconds = 0 })).EnsureSuccessStatusCode();
        (await berth.Admin.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v1", instances = 1 })).EnsureSuccessStatusCode();
        await Http.UntilOkAsync($"{berth.GatewayUrl}/", host: $"{id}.localhost");
        (await berth.Admin.PutAsJsonAsync($"/v1/apps/{id}/autoscale", new { min = 0, max = 1, target = new { requestsPerSecondPerInstance = 1000 }, idleSeconds = 1 }))
            .EnsureSuccessStatusCode();
        return new SleepingApp(berth, id);
    }

    /// <summary>Waits until the app sleeps with no instance left, then times one request from sending to its 200.</summary>
    public async Task<Measurement> MeasureAsync()
    {
        await UntilAsleepAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{berth.GatewayUrl}/");
        request.Headers.Host = $"{id}.localhost";
        var clock = Stopwatch.StartNew();
        using var response = await Gateway.SendAsync(request);
        var took = clock.Elapsed;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"the wake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return new Measurement("berth wake", 1, took, took);
    }

    private async Task UntilAsleepAsync()
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            var policy = await berth.Admin.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/autoscale");
            var instances = await berth.Admin.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/instances");
            if (policy.GetProperty("sleeping").GetBoolean() && instances.GetArrayLength() == 0)
            {
                return;
            }

            if (limit.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"{id} did not fall asleep");
            }

            await Task.Delay(50);
        }
    }
}
