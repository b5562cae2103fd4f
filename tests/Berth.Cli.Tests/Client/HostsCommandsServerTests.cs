using Berth.Core.Hosts;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Cli.Tests.Client;

/// <summary>The hosts commands against a real Berth (API, SQLite, embedded discovery, the local engine as host <c>local</c>).</summary>
public sealed class HostsCommandsServerTests(RealServer real) : RealServerTest(real)
{
    private const int BlockedPort = 31995;

    [Fact]
    public async Task Unblock_RealServer_BlockedPortListedThenLiftedOnce()
    {
        // As the launcher blocks a port the engine found taken outside Berth.
        await Server.Services.GetRequiredService<IBlockedPortStore>().BlockPortAsync(
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
}
