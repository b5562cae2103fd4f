using Berth.Core.Hosts;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Cli.Tests.Client;

/// <summary><c>berth hosts</c> against a real Berth: the local engine, and engine 1 of scripts/start-engines.sh added as a second host.</summary>
public sealed class HostsCommandsTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Hosts_LocalHost_PrintsReservedOverCapacity()
    {
        CliResult result = await RunAsync("hosts");

        Assert.Equal(0, result.ExitCode);
        // The hosts table only: a blocked port of host local, which another test of the class may leave, is listed below it.
        string[] lines = [.. result.Out.TrimEnd().Split(Environment.NewLine).TakeWhile(line => line.Length > 0)];
        Assert.Equal(["NAME", "ADVERTISE IP", "PORT RANGE", "PORTS USED", "MEMORY MB", "CPU SHARES", "INSTANCES", "ENGINE"], lines[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        string[] local = Assert.Single(lines, line => line.StartsWith("local ", StringComparison.Ordinal)).Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["local", "127.0.0.1", "31990-31999", "0"], local[..4]);
        Assert.Matches(@"^0/\d+$", local[4]);
        Assert.Matches(@"^0/\d+$", local[5]);
        Assert.Equal(["0", "unix:///var/run/docker.sock"], local[6..]);
    }

    [Fact]
    public async Task Hosts_BlockedPorts_ListedPerHostBelowTheHosts()
    {
        string e1 = $"e1-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("hosts", "add", e1, "--engine", "unix:///var/run/berth-engine1.sock", "--advertise-ip", "127.0.0.2")).ExitCode);
        var until = DateTimeOffset.UtcNow.AddMinutes(10);
        // As the launcher blocks a port the engine found taken outside Berth.
        var store = Server.Services.GetRequiredService<IBlockedPortStore>();
        await store.BlockPortAsync(new BlockedPort("local", 31991, until, "Bind for 127.0.0.1:31991 failed: port is already allocated"), TestContext.Current.CancellationToken);
        await store.BlockPortAsync(new BlockedPort(e1, 25001, until, "address already in use"), TestContext.Current.CancellationToken);
        await store.BlockPortAsync(new BlockedPort(e1, 25002, until, ""), TestContext.Current.CancellationToken);

        CliResult result = await RunAsync("hosts");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        int title = Array.FindIndex(lines, line => line.StartsWith("Blocked ports", StringComparison.Ordinal));
        Assert.True(title > 0, result.Out);
        Assert.Equal("", lines[title - 1]);
        Assert.Contains("'berth hosts unblock NAME PORT'", lines[title]);
        string[][] rows = [.. lines[(title + 1)..].Select(line => line.Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        Assert.Equal(["HOST", "PORT", "UNTIL", "REASON"], rows[0]);
        string shown = Berth.Client.Display.Time(until);
        Assert.Contains(["local", "31991", shown, "Bind for 127.0.0.1:31991 failed: port is already allocated"], rows);
        Assert.Contains([e1, "25001", shown, "address already in use"], rows);
        Assert.Contains([e1, "25002", shown, "-"], rows);
    }
}
