using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.Bench.Services;

/// <summary>A real <c>berth up</c> in its own process, data folder and ports, driven through its API as a tenant.</summary>
internal sealed class BerthProcess : IAsyncDisposable
{
    private const string Api = "http://127.0.0.1:17170";
    private const string Gateway = "http://127.0.0.1:17180";
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process process;
    private readonly string data;
    private readonly HttpClient tenant;
    private int service;

    private BerthProcess(Process process, string data, HttpClient tenant)
    {
        this.process = process;
        this.data = data;
        this.tenant = tenant;
    }

    public static async Task<BerthProcess> StartAsync(string repo)
    {
        var data = Directory.CreateTempSubdirectory("berth-bench-").FullName;
        // Through the ./berth wrapper, exactly as run.sh starts Berth (it execs, so the pid is Berth's).
        var process = Process.Start(new ProcessStartInfo(Path.Combine(repo, "berth"),
            ["up", "--data", data, "--api-url", Api, "--gateway-url", Gateway, "--port-range", "27100-27199"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"berth: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await UntilHealthyAsync();
        var admin = Client((await File.ReadAllTextAsync(Path.Combine(data, "admin.token"))).Trim());
        var created = await admin.PostAsJsonAsync("/v1/tenants", new { name = $"bench{Environment.ProcessId}" });
        created.EnsureSuccessStatusCode();
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        return new BerthProcess(process, data, Client(token));
    }

    /// <summary><c>POST /v1/services</c> answers once the server answered its protocol's query: that is the first one.</summary>
    public async Task<Measurement> MeasureAsync(ServiceKinds kind)
    {
        var name = $"bench-{kind.Type}-{service++}";
        var clock = Stopwatch.StartNew();
        var created = await tenant.PostAsJsonAsync("/v1/services", new { name, type = kind.Type });
        var first = clock.Elapsed;
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        if (!created.IsSuccessStatusCode || view.GetProperty("state").GetString() != "running")
        {
            throw new InvalidOperationException($"service {name} did not start: {view}");
        }

        (await tenant.DeleteAsync($"/v1/services/{name}?purge=true")).EnsureSuccessStatusCode();
        return new Measurement("berth", kind.Type, first);
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        tenant.Dispose();
        Directory.Delete(data, recursive: true);
    }

    private static HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Api), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task UntilHealthyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await Probe.GetAsync($"{Api}/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"{Api}/healthz never answered");
            }

            await Task.Delay(100);
        }
    }
}
