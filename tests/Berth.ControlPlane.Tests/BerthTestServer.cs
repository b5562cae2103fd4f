using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.ControlPlane;
using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Tests.Support;
using Berth.Hosting;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// A real Berth (API, gateway, SQLite, embedded discovery) on ephemeral loopback ports, against the real
/// engine and registry, with a host port range of its own so test classes can run side by side.
/// </summary>
public sealed class BerthTestServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // A random first slice: test runs in other processes (worktrees, parallel projects) start elsewhere.
    private const int FirstPort = 26000;
    private const int Slices = 120;
    private const int SliceSize = 50;
    private static int _nextRange = Random.Shared.Next(Slices);
    private readonly string _dataDirectory;
    private readonly List<HttpClient> _clients = [];

    private BerthTestServer(BerthServer server, string dataDirectory, BerthServerOptions options, TxtDnsServer dns)
    {
        Dns = dns;
        Server = server;
        _dataDirectory = dataDirectory;
        Options = options;
        Admin = Client(File.ReadAllText(options.AdminTokenPath).Trim());
        Gateway = new HttpClient { BaseAddress = new Uri(server.GatewayUrl ?? "http://127.0.0.1:9"), Timeout = TimeSpan.FromSeconds(10) };
        _clients.Add(Gateway);
    }

    public BerthServer Server { get; private set; }

    /// <summary>The DNS server Berth asks for the TXT records that prove custom domains.</summary>
    public TxtDnsServer Dns { get; }

    public BerthServerOptions Options { get; }

    /// <summary>A client signed in with the admin token.</summary>
    public HttpClient Admin { get; }

    /// <summary>A client of the gateway; set the Host header per request.</summary>
    public HttpClient Gateway { get; }

    /// <param name="configure">Changes the options before the server starts (short health intervals, another engine …).</param>
    public static async Task<BerthTestServer> StartAsync(int portRangeSize = 20, Action<BerthServerOptions>? configure = null)
    {
        // Each server gets its own slice of 26000-29999, so parallel classes never race for a host port.
        var start = FreeSlice(portRangeSize);
        var dataDirectory = Directory.CreateTempSubdirectory("berth-test-").FullName;
        var options = new BerthServerOptions
        {
            DataDirectory = dataDirectory,
            ApiUrl = "http://127.0.0.1:0",
            GatewayUrl = "http://127.0.0.1:0",
            LocalPortRange = $"{start}-{start + portRangeSize - 1}",
            StartupTimeoutSeconds = 30,
        };
        var dns = new TxtDnsServer();
        options.DomainNameServers = [dns.Endpoint];
        configure?.Invoke(options);
        var server = await BerthServer.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning), CancellationToken.None);
        return new BerthTestServer(server, dataDirectory, options, dns);
    }

    /// <summary>Stops Berth and starts it again on the same data folder, as after a crash or an upgrade.</summary>
    public async Task RestartAsync()
    {
        // The same ports again, so every client of the test keeps working.
        (Options.ApiUrl, Options.GatewayUrl) = (Server.ApiUrl, Server.GatewayUrl);
        await Server.DisposeAsync();
        Server = await BerthServer.StartAsync(Options, logging => logging.SetMinimumLevel(LogLevel.Warning), CancellationToken.None);
    }

    /// <summary>
    /// The next slice of 26000-31999 none of whose first ports is bound: servers of this run take turns, and a
    /// slice still held by a longer-lived server (or another run on the engine) is skipped.
    /// </summary>
    internal static int FreeSlice(int size)
    {
        for (var attempt = 0; ; attempt++)
        {
            var start = FirstPort + (Interlocked.Increment(ref _nextRange) % Slices * SliceSize);
            if (attempt >= Slices || Enumerable.Range(start, size).All(IsFree))
            {
                return start;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public static string UniqueAppId(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.ApiUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>Creates a tenant and returns a client signed in as it.</summary>
    public async Task<HttpClient> TenantAsync(string name)
    {
        var response = await Admin.PostAsJsonAsync("/v1/tenants", new { name });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return Client(created.GetProperty("token").GetString());
    }

    /// <summary>Adds a custom domain to the app and proves it as its owner would (the TXT record, then verify): it routes.</summary>
    public async Task AddDomainAsync(HttpClient tenant, string appId, string domain)
    {
        var added = await tenant.PostAsJsonAsync($"/v1/apps/{appId}/domains", new { domain });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var proof = (await added.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("verification");
        Dns.Set(proof.GetProperty("name").GetString()!, proof.GetProperty("value").GetString()!);
        var verified = await tenant.PostAsync($"/v1/apps/{appId}/domains/{domain}/verify", null);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    /// <summary>Posts a deployment and waits until it ends; returns its final view.</summary>
    public static async Task<JsonElement> DeployAsync(HttpClient client, string appId, string version, int instances)
    {
        var response = await client.PostAsJsonAsync($"/v1/apps/{appId}/deployments", new { version, instances });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await WaitAsync(client, response);
    }

    /// <summary>Follows the deployment a 202 answer points at until it succeeds or fails.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, HttpResponseMessage accepted)
    {
        var location = accepted.Headers.Location ?? throw new InvalidOperationException("202 without Location");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var deployment = await client.GetFromJsonAsync<JsonElement>(location, Json);
            var state = deployment.GetProperty("state").GetString();
            if (state is "succeeded" or "failed" || DateTime.UtcNow > deadline)
            {
                return deployment;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A GET through the gateway with the Host header of the app.</summary>
    public Task<HttpResponseMessage> ThroughGatewayAsync(string appId, string path = "/") => ThroughGatewayAsync(Gateway, appId, path);

    /// <summary>A GET through the given gateway with the Host header of the app.</summary>
    public static async Task<HttpResponseMessage> ThroughGatewayAsync(HttpClient gateway, string appId, string path = "/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"{appId}.localhost";
        return await gateway.SendAsync(request);
    }

    /// <summary>The containers on the engine that carry the app's label.</summary>
    /// <remarks>Only this server's: test runs beside this one (other worktrees) may use the same app ids on the shared engine.</remarks>
    public async Task<IReadOnlyList<ContainerInfo>> ContainersOfAsync(string appId) =>
        await Server.Services.GetRequiredService<IContainerRuntimeFactory>().Get(Options.LocalEngine).ListAsync(
            new Dictionary<string, string>
            {
                [BerthLabels.App] = appId,
                [BerthLabels.Cluster] = await Server.Services.GetRequiredService<IClusterIdentity>().GetClusterIdAsync(CancellationToken.None),
            },
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        // Delete whatever the tests left, so no container outlives the run.
        var apps = await Admin.GetFromJsonAsync<JsonElement>("/v1/apps", Json);
        foreach (var app in apps.EnumerateArray())
        {
            await Admin.DeleteAsync($"/v1/apps/{app.GetProperty("id").GetString()}");
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Server.DisposeAsync();
        await Dns.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
