using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Bench.Shared;

namespace Berth.Bench.Deploy;

/// <summary>Berth's side: an app of the sample image deployed through the API, until its first 200 through the gateway and until the deployment succeeded.</summary>
internal sealed class DeployRounds(BerthProcess berth, HttpClient client)
{
    private int _app;

    public async Task<Measurement> MeasureAsync(int instances)
    {
        var id = $"bench-{Environment.ProcessId}-{_app++}";
        (await client.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 64, cpuShares = 256, drainSeconds = 0 })).EnsureSuccessStatusCode();

        var clock = Stopwatch.StartNew();
        var posted = await client.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v1", instances });
        posted.EnsureSuccessStatusCode();
        await Http.UntilOkAsync($"{berth.GatewayUrl}/", host: $"{id}.localhost");
        var first = clock.Elapsed;
        await UntilSucceededAsync(posted.Headers.Location!);
        var all = clock.Elapsed;

        (await client.DeleteAsync($"/v1/apps/{id}")).EnsureSuccessStatusCode();
        return new Measurement("berth", instances, first, all);
    }

    private async Task UntilSucceededAsync(Uri deployment)
    {
        while (true)
        {
            var view = await client.GetFromJsonAsync<JsonElement>(deployment);
            var state = view.GetProperty("state").GetString();
            if (state == "succeeded")
            {
                return;
            }

            if (state == "failed")
            {
                throw new InvalidOperationException($"deployment {deployment} failed: {view.GetProperty("reason")}");
            }

            await Task.Delay(10);
        }
    }
}
