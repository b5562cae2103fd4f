using System.Text.Json;
using Berth.Core.Hosts;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// hosts add, label, drain, unblock and rm against a real Berth, with the extra engines of scripts/start-engines.sh
/// as the hosts added (engine 1 on its unix socket, engine 2 over TCP with mutual TLS).
/// </summary>
public sealed class HostsSubcommandsTests(HostsServer real) : ServerTest<HostsServer>(real)
{
    private const string Engine1 = "unix:///var/run/berth-engine1.sock";

    /// <summary>The ports of instances on hosts added here: apart from every other server's of this project.</summary>
    private const string PortRange = "32220-32239";

    private static readonly string TlsDirectory = Path.Combine(Environment.GetEnvironmentVariable("BERTH_RUN") ?? "/var/tmp/berth", "engines", "tls");

    [Fact]
    public async Task Add_WithTlsAndLabels_AddsTheEngineAndSaysWhatItOffers()
    {
        string e2 = Name();

        CliResult result = await RunAsync(
            "hosts", "add", e2, "--engine", "tcp://127.0.0.1:23762", "--advertise-ip", "127.0.0.3", "--port-range", "32240-32259", "--label", "disk=ssd", "--label", "zone=a",
            "--tls-ca", Path.Combine(TlsDirectory, "ca.pem"), "--tls-cert", Path.Combine(TlsDirectory, "cert.pem"), "--tls-key", Path.Combine(TlsDirectory, "key.pem"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches($@"^Added host {e2}: \d+ MB, \d+ CPU shares, ports 32240-32259 on 127\.0\.0\.3\.$", result.Out.Trim());
        JsonElement host = await HostAsync(e2);
        Assert.Equal("tcp://127.0.0.1:23762", host.GetProperty("engine").GetString());
        Assert.Equal("ssd", host.GetProperty("labels").GetProperty("disk").GetString());
        Assert.Equal("a", host.GetProperty("labels").GetProperty("zone").GetString());
        await RemoveAsync(e2);
    }

    [Fact]
    public async Task Add_PartOfTheTlsFiles_UsageError()
    {
        CliResult result = await RunAsync(
            "hosts", "add", "e1", "--engine", "tcp://h:2376", "--advertise-ip", "10.0.0.5", "--tls-ca", "/ca.pem");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--tls-ca, --tls-cert and --tls-key go together", result.Error);
    }

    [Fact]
    public async Task Label_SetAndRemove_KeepsTheMergedSet()
    {
        string e1 = await AddEngine1Async("--label", "zone=a", "--label", "old=x");

        CliResult result = await RunAsync("hosts", "label", e1, "zone=b", "disk=ssd", "old-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Labels of {e1}: disk=ssd, zone=b", result.Out.Trim());
        Assert.Equal(["disk", "zone"], (await HostAsync(e1)).GetProperty("labels").EnumerateObject().Select(l => l.Name).Order());
        await RemoveAsync(e1);
    }

    [Fact]
    public async Task Label_BadArgument_UsageErrorNamingIt()
    {
        CliResult result = await RunAsync("hosts", "label", "local", "justakey");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("got 'justakey'", result.Error);
    }

    [Fact]
    public async Task DrainAndUndo_EmptyHost_SaysSoAndTheHostFollows()
    {
        string e1 = await AddEngine1Async();

        CliResult drained = await RunAsync("hosts", "drain", e1);
        bool drainedDrain = (await HostAsync(e1)).GetProperty("drain").GetBoolean();
        CliResult undone = await RunAsync("hosts", "drain", e1, "--undo");

        Assert.Contains($"Draining host {e1}: 0 instance(s) on it are being moved", drained.Out);
        Assert.True(drainedDrain);
        Assert.Contains($"Host {e1} takes new instances again.", undone.Out);
        Assert.False((await HostAsync(e1)).GetProperty("drain").GetBoolean());
        await RemoveAsync(e1);
    }

    [Fact]
    public async Task Unblock_BlockedPort_LiftsItsBlockAndSaysSo()
    {
        string e1 = await AddEngine1Async();
        // As the launcher blocks a port the engine found taken outside Berth.
        await Server.Services.GetRequiredService<IBlockedPortStore>().BlockPortAsync(
            new BlockedPort(e1, 32221, DateTimeOffset.UtcNow.AddMinutes(10), "port is already allocated"), TestContext.Current.CancellationToken);

        CliResult result = await RunAsync("hosts", "unblock", e1, "32221");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Port 32221 of host {e1} is no longer blocked.", result.Out.Trim());
        Assert.Empty((await HostAsync(e1)).GetProperty("blockedPorts").EnumerateArray());
        await RemoveAsync(e1);
    }

    [Fact]
    public async Task Unblock_PortNotBlocked_PrintsTheServersReasonAndFails()
    {
        CliResult result = await RunAsync("hosts", "unblock", "local", "32201");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal("error: port 32201 of host 'local' is not blocked", result.Error.Trim());
    }

    [Theory]
    [InlineData("http")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    public async Task Unblock_NotAPortNumber_UsageErrorNamingIt(string port)
    {
        CliResult result = await RunAsync("hosts", "unblock", "e1", port);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"PORT must be a port number from 1 to 65535, got '{port}'", result.Error);
    }

    [Fact]
    public async Task Remove_HostWithInstances_PrintsTheServersReasonAndFails()
    {
        await AddEngine1Async();
        string web = await CreateAppAsync();
        // Only an added host takes the instance; no other test of the class starts one.
        Assert.Equal(0, (await RunAsync("hosts", "drain", "local")).ExitCode);
        try
        {
            await DeployAsync(web, "v1");
        }
        finally
        {
            Assert.Equal(0, (await RunAsync("hosts", "drain", "local", "--undo")).ExitCode);
        }

        string holder = Assert.Single(await InstancesAsync(web)).Host;

        CliResult result = await RunAsync("hosts", "rm", holder);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("drain it first", result.Error);
        Assert.Equal(0, (await RunAsync("apps", "rm", web)).ExitCode);
        await RemoveAsync(holder);
    }

    [Fact]
    public async Task Remove_EmptyHost_SaysSo()
    {
        string e1 = await AddEngine1Async();

        CliResult result = await RunAsync("hosts", "rm", e1);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Removed host {e1}.", result.Out.Trim());
        Assert.DoesNotContain($"\"name\":\"{e1}\"", (await RunAsync("hosts", "--json")).Out);
    }

    private static string Name() => $"e-{Guid.NewGuid():N}"[..12];

    /// <summary>
    /// Removes a host a test added, so no two hosts of one engine are left side by side: EngineEventFollower keys hosts
    /// by engine and fails on a second one.
    /// </summary>
    private async Task RemoveAsync(string host)
    {
        CliResult removed = await RunAsync("hosts", "rm", host);
        Assert.True(removed.ExitCode == 0, removed.Error);
    }

    /// <summary>Adds engine 1 as a host with a fresh name on 127.0.0.2 (its ports published there), with <paramref name="options"/>.</summary>
    private async Task<string> AddEngine1Async(params string[] options)
    {
        string name = Name();
        CliResult added = await RunAsync(["hosts", "add", name, "--engine", Engine1, "--advertise-ip", "127.0.0.2", "--port-range", PortRange, .. options]);
        Assert.True(added.ExitCode == 0, $"adding engine 1 failed: {added.Error} - is scripts/start-engines.sh running?");
        return name;
    }

    /// <summary>The host as <c>berth hosts --json</c> lists it.</summary>
    private async Task<JsonElement> HostAsync(string name)
    {
        CliResult listed = await RunAsync("hosts", "--json");
        Assert.True(listed.ExitCode == 0, listed.Error);
        return JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().Single(host => host.GetProperty("name").GetString() == name);
    }
}
