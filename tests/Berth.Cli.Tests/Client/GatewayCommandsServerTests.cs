namespace Berth.Cli.Tests.Client;

/// <summary>The gateway commands against a real Berth (API, in-process gateway, SQLite, embedded discovery).</summary>
public sealed class GatewayCommandsServerTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task GatewayCommands_RealServer_DomainsBlacklistsStatsAndTheirRefusals()
    {
        string app = $"cli-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("apps", "create", app, "--image", "hello")).ExitCode);

        CliResult added = await RunAsync("domains", "add", app, $"www.{app}.example.com");
        Assert.Contains($"www.{app}.example.com is pending", added.Out);
        Assert.Contains($"_berth.www.{app}.example.com TXT \"berth-", added.Out);
        Assert.Contains($"Point www.{app}.example.com at {app}.localhost with a CNAME record", added.Out);
        Assert.Contains($"www.{app}.example.com   pending   {app}.localhost", (await RunAsync("domains", "ls", app)).Out);
        CliResult unproven = await RunAsync("domains", "verify", app, $"www.{app}.example.com");
        Assert.Equal(1, unproven.ExitCode);
        Assert.Contains("is not verified", unproven.Error);
        Assert.Contains("error: domain", (await RunAsync("domains", "add", app, "not a domain")).Error);

        Assert.Contains("  203.0.113.7", (await RunAsync("blacklist", "set", "--app", app, "203.0.113.7", "10.0.0.0/8")).Out);
        Assert.Contains("  10.0.0.0/8", (await RunAsync("blacklist", "show", "--app", app)).Out);
        Assert.Contains("The global blacklist (every app):", (await RunAsync("blacklist", "set", "198.51.100.0/24")).Out);
        Assert.Contains("The global blacklist (every app) is empty.", (await RunAsync("blacklist", "clear")).Out);
        CliResult bad = await RunAsync("blacklist", "set", "--app", app, "300.1.1.1");
        Assert.Equal((1, ""), (bad.ExitCode, bad.Out));
        Assert.StartsWith("error: ", bad.Error);

        CliResult traffic = await RunAsync("traffic", "set", app, "v1=90", "v2=10");
        Assert.Equal(1, traffic.ExitCode);
        Assert.Contains("has no deployed version v1, v2", traffic.Error);
        Assert.Contains("No split", (await RunAsync("traffic", "show", app)).Out);

        CliResult stats = await RunAsync("stats", app, "--window", "hour");
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains($"{app} over the last hour, from 1 gateway(s)", stats.Out);
        Assert.Contains("total", stats.Out);

        Assert.Contains("runs no canary", (await RunAsync("promote", app)).Error);
        Assert.Contains("no active version", (await RunAsync("deploy", app, "v2", "--canary", "1")).Error);
        Assert.Contains("no longer routes", (await RunAsync("domains", "rm", app, $"www.{app}.example.com")).Out);
        Assert.Equal(0, (await RunAsync("apps", "rm", app)).ExitCode);
    }
}
