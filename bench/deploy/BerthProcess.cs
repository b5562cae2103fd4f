using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.Bench.Deploy;

/// <summary>A real <c>berth up</c> in its own process, data folder and ports, driven through its API and gateway.</summary>
internal sealed class BerthProcess : IAsyncDisposable
{
    private const string Api = "http://127.0.0.1:17070";
    /// <summary>Where its gateway listens (apps answer at Host <c>{app}.localhost</c>).</summary>
    public const string Gateway = "http://127.0.0.1:17080";
    private readonly Process process;
    private readonly string data;
    private readonly HttpClient client;
    private int app;

    private BerthProcess(Process process, string data, string token)
    {
        this.process = process;
        this.data = data;
        client = new HttpClient { BaseAddress = new Uri(Api) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Its API, signed in with the admin token.</summary>
    public HttpClient Client => client;

    /// <summary>Starts <c>berth up</c>; it inherits this process's environment (<c>Berth__…</c> settings included).</summary>
    public static async Task<BerthProcess> StartAsync(string repo)
    {
        var data = Directory.CreateTempSubdirectory("berth-bench-").FullName;
        // Through the ./berth wrapper, exactly as run.sh starts Berth (it execs, so the pid is Berth's).
        var process = Process.Start(new ProcessStartInfo(Path.Combine(repo, "berth"),
            ["up", "--data", data, "--api-url", Api, "--gateway-url", Gateway, "--port-range", "27000-27099"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"berth: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Generous: on a loaded machine the first start JIT-compiles the whole server.
            await Http.UntilOkAsync($"{Api}/healthz", limit: TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            // Not left running on the benchmark's ports for the next run to find.
            process.Kill(entireProcessTree: true);
            throw;
        }

        var token = (await File.ReadAllTextAsync(Path.Combine(data, "admin.token"))).Trim();
        await Task.Delay(TimeSpan.FromSeconds(2));
        return new BerthProcess(process, data, token);
    }

    /// <summary>The API, as the admin.</summary>
    public HttpClient Client => client;

    /// <summary>Where the gateway listens.</summary>
    public static string GatewayAddress => Gateway;

    /// <summary>Resident memory of the Berth process, from /proc.</summary>
    public double RssMb()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    public async Task<Measurement> MeasureAsync(int instances)
    {
        var id = $"bench-{Environment.ProcessId}-{app++}";
        (await client.PostAsJsonAsync("/v1/apps", new { id, image = "hello", memoryMb = 64, cpuShares = 256, drainSeconds = 0 })).EnsureSuccessStatusCode();

        var clock = Stopwatch.StartNew();
        var posted = await client.PostAsJsonAsync($"/v1/apps/{id}/deployments", new { version = "v1", instances });
        posted.EnsureSuccessStatusCode();
        await Http.UntilOkAsync($"{Gateway}/", host: $"{id}.localhost");
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

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        client.Dispose();
        Directory.Delete(data, recursive: true);
    }
}
