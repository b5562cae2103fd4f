using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.Bench.Shared;

/// <summary>
/// A real <c>berth up</c> in its own process, data folder and ports (each benchmark its own, so two can run at once),
/// started through the <c>./berth</c> wrapper exactly as run.sh starts Berth, and driven through its API.
/// </summary>
public sealed class BerthProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BerthProcess(Process process, string data, string apiUrl, string gatewayUrl, string adminToken)
    {
        _process = process;
        DataDirectory = data;
        ApiUrl = apiUrl;
        GatewayUrl = gatewayUrl;
        Admin = Client(adminToken);
    }

    public string DataDirectory { get; }
    public string ApiUrl { get; }
    public string GatewayUrl { get; }

    /// <summary>A client signed in with the admin token.</summary>
    public HttpClient Admin { get; }

    /// <param name="apiPort">The API's port; the gateway takes the next one.</param>
    /// <param name="portRange">The host ports handed to instances and services (<c>first-last</c>).</param>
    public static async Task<BerthProcess> StartAsync(string repo, int apiPort, string portRange)
    {
        var data = Directory.CreateTempSubdirectory("berth-bench-").FullName;
        var (api, gateway) = ($"http://127.0.0.1:{apiPort}", $"http://127.0.0.1:{apiPort + 1}");
        // The wrapper execs, so the process is Berth's own.
        var process = Process.Start(new ProcessStartInfo(Path.Combine(repo, "berth"),
            ["up", "--data", data, "--listen", api, "--gateway-listen", gateway, "--port-range", portRange])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"berth: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Http.UntilOkAsync($"{api}/healthz", limit: TimeSpan.FromSeconds(120));
        var token = (await File.ReadAllTextAsync(Path.Combine(data, "admin.token"))).Trim();
        // Its leader work (reconciler, monitors) starts just after it answers: let it settle before measuring.
        await Task.Delay(TimeSpan.FromSeconds(2));
        return new BerthProcess(process, data, api, gateway, token);
    }

    /// <summary>Creates a tenant and returns a client signed in as it.</summary>
    public async Task<HttpClient> TenantAsync(string name)
    {
        var created = await Admin.PostAsJsonAsync("/v1/tenants", new { name });
        created.EnsureSuccessStatusCode();
        return Client((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
    }

    /// <summary>Resident memory of the Berth process, from /proc.</summary>
    public double RssMb()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        Admin.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(ApiUrl), Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
