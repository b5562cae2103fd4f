using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// <c>berth server</c> from this build in a process of its own, on PostgreSQL and etcd shared with other control planes,
/// with a data folder and API port of its own, so a test can run two side by side and SIGKILL one.
/// </summary>
public sealed class BerthServerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _dataDirectory;

    private BerthServerProcess(ChildProcess process, string dataDirectory, string apiUrl)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        ApiUrl = apiUrl;
    }

    public string ApiUrl { get; }

    public int Pid => _process.Pid;

    /// <summary>Where the first control plane of an installation leaves the admin token.</summary>
    public string AdminTokenPath => Path.Combine(_dataDirectory, "admin.token");

    /// <summary>Everything the process wrote so far.</summary>
    public string Output => _process.Output;

    /// <summary>Where this control plane keeps the backups it takes (the default, under its data folder).</summary>
    public string BackupsPath => Path.Combine(_dataDirectory, "backups");

    /// <summary>
    /// Starts a control plane (fast healing settings, short leader lease, and <paramref name="settings"/> as environment
    /// variables on top) and waits until its API answers.
    /// </summary>
    public static async Task<BerthServerProcess> StartAsync(SharedControlPlaneSettings shared, IReadOnlyDictionary<string, string>? settings = null)
    {
        Assert.True(File.Exists(BerthProcess.Executable), $"{BerthProcess.Executable} is missing: build the solution first");
        var data = Directory.CreateTempSubdirectory("berth-server-").FullName;
        var apiUrl = $"http://127.0.0.1:{BerthProcess.FreePort()}";
        var process = ChildProcess.Start(
            "dotnet",
            [
                BerthProcess.Executable, "server", "--data", data, "--listen", apiUrl, "--port-range", shared.PortRange,
                "--discovery", "etcd", "--discovery-endpoint", shared.Etcd,
            ],
            new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
            {
                ["BERTH_State__Provider"] = "postgres",
                ["BERTH_State__ConnectionString"] = shared.ConnectionString,
                ["BERTH_Berth__SecretKey"] = shared.SecretKey,
                ["BERTH_Berth__StartupTimeoutSeconds"] = "30",
                ["BERTH_Berth__Healing__LeaderTtl"] = shared.LeaderTtl.ToString("c", CultureInfo.InvariantCulture),
                ["BERTH_Berth__Healing__ReconcileInterval"] = "00:00:05",
                ["BERTH_Berth__Healing__HeartbeatInterval"] = "00:00:00.500",
                ["BERTH_Berth__Healing__HeartbeatTimeout"] = "00:00:01",
                ["BERTH_TEST_CRASH_AT"] = "",
            });
        var server = new BerthServerProcess(process, data, apiUrl);
        try
        {
            await process.WaitForHealthAsync($"{apiUrl}/healthz", "berth server answering");
        }
        catch
        {
            // The test never gets it to dispose: a server left running would hold its ports and the shared leadership.
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A client of this control plane's API with <paramref name="token"/>.</summary>
    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(ApiUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary><c>GET /v1/cluster/leader</c> as <paramref name="admin"/> sees it on this control plane.</summary>
    public static async Task<JsonElement> LeaderViewAsync(HttpClient admin) =>
        await admin.GetFromJsonAsync<JsonElement>("/v1/cluster/leader", BerthTestServer.Json);

    /// <summary>SIGKILL: no clean shutdown, the leader's lease is left to run out.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>Stops the control plane as Ctrl-C would (or kills it if it does not stop in time) and removes its data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync();
        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
