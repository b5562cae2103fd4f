using Berth.Client;
using Berth.ControlPlane;
using Berth.ControlPlane.Hosting;
using Berth.Hosting;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// Commands against a real Berth (API, in-process gateway, SQLite, embedded discovery, the local engine as host
/// <c>local</c>) in a temporary data folder, run as the admin.
/// </summary>
public abstract class RealServerTest : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private string token = "";

    /// <summary>The running control plane.</summary>
    protected BerthServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // No container starts in these tests, so the host port range is never used.
        var options = new BerthServerOptions
        {
            DataDirectory = Path.Combine(temp.Path, "data"),
            ApiUrl = "http://127.0.0.1:0",
            GatewayUrl = "http://127.0.0.1:0",
            LocalPortRange = "31990-31999",
            // Nothing answers there: a custom domain stays pending, as one whose TXT record is not in place yet.
            DomainNameServers = ["127.0.0.1:9"],
        };
        Server = await BerthServer.StartAsync(options, null, TestContext.Current.CancellationToken);
        token = (await File.ReadAllTextAsync(options.AdminTokenPath, TestContext.Current.CancellationToken)).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The admin's token.</summary>
    private protected string AdminToken => token;

    /// <summary>The environment commands run in: a temporary home and working directory.</summary>
    private protected ClientEnvironment ClientEnvironment() => temp.Environment();

    /// <summary>Runs <c>berth</c> with <paramref name="args"/> against the server, as the admin.</summary>
    private protected Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.RunAsync(temp.Environment(), [.. args, "--url", Server.ApiUrl, "--token", token]);
}
