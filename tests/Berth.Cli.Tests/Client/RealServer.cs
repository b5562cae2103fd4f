using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane;
using Berth.Hosting;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// A real Berth (API, in-process gateway, SQLite, embedded discovery, the local engine as host <c>local</c>) in a
/// temporary data folder, shared by the tests of one class (a class fixture): starting one per test would make the
/// suite slow for nothing, as every test names its own apps and tenants.
/// </summary>
public class RealServer : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly string _portRange;

    /// <summary>No container starts in the tests that use this one, so the host port range is never used.</summary>
    public RealServer()
        : this("31990-31999")
    {
    }

    /// <param name="portRange">
    /// The host ports of instances; distinct per fixture whose tests start containers. This project's take slices of
    /// 32000-32379 (HostsSubcommandsTests gives 32220-32259 to hosts on the other engines): above the control plane
    /// tests' 26000-31999 and below the kernel's ephemeral ports (32768 on).
    /// </param>
    protected RealServer(string portRange) => _portRange = portRange;

    /// <summary>The running control plane.</summary>
    public BerthServer Server { get; private set; } = null!;

    /// <summary>The admin's token.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>The data folder (<c>data/</c> of the README: the admin token is in <c>admin.token</c>).</summary>
    public string DataDirectory => Path.Combine(_temp.Path, "data");

    public async ValueTask InitializeAsync()
    {
        var options = new BerthServerOptions
        {
            DataDirectory = DataDirectory,
            ApiUrl = "http://127.0.0.1:0",
            GatewayUrl = "http://127.0.0.1:0",
            LocalPortRange = _portRange,
            StartupTimeoutSeconds = 30,
            // Nothing answers there: a custom domain stays pending, as one whose TXT record is not in place yet.
            DomainNameServers = ["127.0.0.1:9"],
        };
        Configure(options);
        Server = await BerthServer.StartAsync(options, null, TestContext.Current.CancellationToken);
        AdminToken = (await File.ReadAllTextAsync(options.AdminTokenPath, TestContext.Current.CancellationToken)).Trim();
    }

    public virtual async ValueTask DisposeAsync()
    {
        await RemoveWhatTheTestsLeftAsync();
        await Server.DisposeAsync();
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Changes the options before the server starts (another DNS server …).</summary>
    protected virtual void Configure(BerthServerOptions options)
    {
    }

    /// <summary>How the fixture's own admin calls reach the API (one over HTTPS trusts its certificate).</summary>
    protected virtual HttpMessageHandler AdminHandler() => new SocketsHttpHandler();

    /// <summary>
    /// Deletes every project, then every app, then every managed service with its volume (an app's binding would keep
    /// its service), so no container or volume outlives the run on the shared engine.
    /// </summary>
    private async Task RemoveWhatTheTestsLeftAsync()
    {
        using var api = new HttpClient(AdminHandler()) { BaseAddress = new Uri(Server.ApiUrl), Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        foreach (JsonElement project in (await api.GetFromJsonAsync<JsonElement>("/v1/projects")).EnumerateArray())
        {
            using var deleted = await api.DeleteAsync($"/v1/projects/{project.GetProperty("name").GetString()}");
        }

        foreach (JsonElement app in (await api.GetFromJsonAsync<JsonElement>("/v1/apps")).EnumerateArray())
        {
            using var deleted = await api.DeleteAsync($"/v1/apps/{app.GetProperty("id").GetString()}");
        }

        foreach (JsonElement service in (await api.GetFromJsonAsync<JsonElement>("/v1/services")).EnumerateArray())
        {
            using var deleted = await api.DeleteAsync($"/v1/services/{service.GetProperty("id").GetString()}?purge=true");
        }
    }
}
