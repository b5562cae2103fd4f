using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Cluster;

/// <summary>
/// The cluster in a box of scripts/cluster.sh, brought up once for a test class and down at its end: hosts, control
/// planes, the database and the discovery ensemble each in a network namespace of their own. Fault tools are the
/// script's subcommands.
/// </summary>
public abstract class ClusterBox(string database, string discovery) : IAsyncLifetime
{
    private static readonly string Script = Path.Combine(Repository, "scripts", "cluster.sh");
    private Dictionary<string, string> _env = [];

    /// <summary>Where the log of every fault test's numbers goes, for RELIABILITY.md (outside the cluster's folder, which down removes).</summary>
    public static string ResultsFile => Path.Combine(Environment.GetEnvironmentVariable("BERTH_RUN") is { Length: > 0 } run ? run : "/var/tmp/berth", "cluster-results.log");

    public string Database => database;

    public string Discovery => discovery;

    /// <summary>The hosts' names: h1 (the control planes' local host), h2, h3.</summary>
    public IReadOnlyList<string> Hosts => _env["CLUSTER_HOSTS"].Split(' ');

    /// <summary>The API of cp1 and cp2.</summary>
    public IReadOnlyList<string> Apis => _env["CLUSTER_API"].Split(' ');

    /// <summary>The gateway of each host, in the order of <see cref="Hosts"/>.</summary>
    public IReadOnlyList<string> Gateways => _env["CLUSTER_GATEWAYS"].Split(' ');

    public static string AddressOf(string host) => $"10.213.0.{10 + int.Parse(host[1..], System.Globalization.CultureInfo.InvariantCulture)}";

    public string GatewayOf(string host) => Gateways[Hosts.ToList().IndexOf(host)];

    private static string Repository
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Berth.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("the repository root (Berth.slnx) is not above the test binaries");
        }
    }

    public async ValueTask InitializeAsync()
    {
        // A cluster left by a killed run would be of this shape or another: start clean either way.
        await RunAsync("down");
        var clock = Stopwatch.StartNew();
        await RunAsync("up", "3", "--db", database, "--discovery", discovery);
        Report($"cluster up 3 --db {database} --discovery {discovery}: {clock.Elapsed.TotalSeconds:F0} s");
        _env = (await RunAsync("env")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
    }

    public async ValueTask DisposeAsync()
    {
        // Down removes the cluster's folder: its logs stay one run longer beside the results, for a failure's story.
        var logs = Path.Combine(_env.GetValueOrDefault("CLUSTER_DIR", "/nonexistent"), "logs");
        var kept = Path.Combine(Path.GetDirectoryName(ResultsFile)!, $"cluster-logs-{database}-{discovery}");
        if (Directory.Exists(logs))
        {
            Directory.CreateDirectory(kept);
            foreach (var log in Directory.EnumerateFiles(logs))
            {
                File.Copy(log, Path.Combine(kept, Path.GetFileName(log)), overwrite: true);
            }
        }

        await RunAsync("down");
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs a subcommand of scripts/cluster.sh; its output, or an exception with it when it fails.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash", [Script, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["BERTH_DLL"] = BerthProcess.Executable;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }

        return await output;
    }

    /// <summary>A client of the API at <paramref name="api"/>, as the admin or with <paramref name="token"/>.</summary>
    public HttpClient Client(string api, string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? _env["CLUSTER_TOKEN"]);
        return client;
    }

    /// <summary>Creates a tenant through cp1; a client signed in as it on <paramref name="api"/> (cp1 when null).</summary>
    public async Task<HttpClient> TenantAsync(string name, string? api = null)
    {
        using var admin = Client(Apis[0]);
        var response = await admin.PostAsJsonAsync("/v1/tenants", new { name = $"{name}-{Guid.NewGuid():N}"[..20] });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        return Client(api ?? Apis[0], created.GetProperty("token").GetString());
    }

    /// <summary>The API address of the control plane that leads now; null while none does.</summary>
    public async Task<string?> LeaderAsync()
    {
        foreach (var api in Apis)
        {
            try
            {
                using var client = Client(api);
                client.Timeout = TimeSpan.FromSeconds(3);
                var view = await client.GetFromJsonAsync<JsonElement>("/v1/cluster/leader", BerthTestServer.Json);
                if (view.GetProperty("leading").GetBoolean())
                {
                    return api;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Down or cut off: not the leader anyone can reach.
            }
        }

        return null;
    }

    /// <summary>
    /// The cluster's database accepts queries (not only connections: PostgreSQL refuses them while it starts up);
    /// <c>mariadb-admin ping</c> says so even when it refuses the (absent) credentials.
    /// </summary>
    public async Task<bool> DatabaseReadyAsync()
    {
        var probe = database == "postgres"
            ? new ProcessStartInfo("/usr/lib/postgresql/15/bin/pg_isready", "-q -h 10.213.0.40 -p 5432 -t 2")
            : new ProcessStartInfo("mariadb-admin", "--host=10.213.0.40 --port=3306 --connect-timeout=2 --silent ping") { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(probe)!;
        await process.WaitForExitAsync();
        return process.ExitCode == 0;
    }

    /// <summary>The containers of an app on a host's engine, read straight from the engine.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ContainersAsync(string host, string appId)
    {
        using var engine = new HttpClient { BaseAddress = new Uri($"http://{AddressOf(host)}:2375"), Timeout = TimeSpan.FromSeconds(10) };
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [$"berth.app={appId}"] }));
        return await engine.GetFromJsonAsync<JsonElement[]>($"/containers/json?all=true&filters={filters}") ?? [];
    }

    /// <summary>Prints a line to the test's output and appends it to <see cref="ResultsFile"/>.</summary>
    public static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.AppendAllText(ResultsFile, $"{DateTime.UtcNow:u} {line}\n");
    }
}
