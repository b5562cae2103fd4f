using Berth.ControlPlane;
using Berth.ControlPlane.Hosting;
using Berth.Core.Hosts;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Cli.Tests.Client;

/// <summary>The hosts commands against a real Berth (API, SQLite, embedded discovery, the local engine as host <c>local</c>).</summary>
public sealed class HostsCommandsServerTests : IAsyncLifetime
{
    private const int BlockedPort = 31995;

    private readonly TempDirectory temp = new();
    private BerthServer server = null!;
    private string token = "";

    public async ValueTask InitializeAsync()
    {
        // No container starts here, so the host port range is never used.
        var options = new BerthOptions
        {
            DataDirectory = Path.Combine(temp.Path, "data"),
            ApiUrl = "http://127.0.0.1:0",
            GatewayUrl = "http://127.0.0.1:0",
            LocalPortRange = "31990-31999",
        };
        server = await BerthServer.StartAsync(options, null, TestContext.Current.CancellationToken);
        token = (await File.ReadAllTextAsync(options.AdminTokenPath, TestContext.Current.CancellationToken)).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task Unblock_RealServer_BlockedPortListedThenLiftedOnce()
    {
        // As the launcher blocks a port the engine found taken outside Berth.
        await server.Services.GetRequiredService<IBlockedPortStore>().BlockPortAsync(
            new BlockedPort("local", BlockedPort, DateTimeOffset.UtcNow.AddMinutes(10), "port is already allocated"), TestContext.Current.CancellationToken);

        CliResult listed = await RunAsync("hosts");
        Assert.Equal(0, listed.ExitCode);
        string row = Assert.Single(listed.Out.Split(Environment.NewLine), line => line.StartsWith("local ", StringComparison.Ordinal) && line.Contains($" {BlockedPort} "));
        Assert.EndsWith("port is already allocated", row);

        CliResult unblocked = await RunAsync("hosts", "unblock", "local", $"{BlockedPort}");
        Assert.Equal((0, $"Port {BlockedPort} of host local is no longer blocked."), (unblocked.ExitCode, unblocked.Out.Trim()));
        Assert.DoesNotContain("Blocked ports", (await RunAsync("hosts")).Out);

        CliResult again = await RunAsync("hosts", "unblock", "local", $"{BlockedPort}");
        Assert.Equal((1, ""), (again.ExitCode, again.Out));
        Assert.Equal($"error: port {BlockedPort} of host 'local' is not blocked", again.Error.Trim());

        CliResult unknown = await RunAsync("hosts", "unblock", "nowhere", $"{BlockedPort}");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nowhere", unknown.Error);
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.RunAsync(temp.Environment(), [.. args, "--url", server.ApiUrl, "--token", token]);
}
