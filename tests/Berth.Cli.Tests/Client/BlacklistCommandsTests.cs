namespace Berth.Cli.Tests.Client;

/// <summary>The blacklist commands against a real Berth. No test of the class sets the global list.</summary>
public sealed class BlacklistCommandsTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Set_ForAnApp_StoresTheEntriesAndPrintsTheList()
    {
        string web = $"web-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("apps", "create", web)).ExitCode);

        CliResult result = await RunAsync("blacklist", "set", "--app", web, "203.0.113.7", "10.0.0.0/8");

        Assert.Equal(0, result.ExitCode);
        string[] expected = [$"The blacklist of {web}:", "  203.0.113.7", "  10.0.0.0/8"];
        Assert.Equal(expected, result.Out.TrimEnd().Split(Environment.NewLine));
        Assert.Equal(expected, (await RunAsync("blacklist", "show", "--app", web)).Out.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Set_GlobalWithoutAdmin_PrintsTheReasonAndFails()
    {
        var (_, token) = await TenantWithTokenAsync();

        CliResult result = await RunAsAsync(token, "blacklist", "set", "198.51.100.0/24");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("admin", result.Error);
        Assert.Equal("The global blacklist (every app) is empty." + Environment.NewLine, (await RunAsync("blacklist", "show")).Out);
    }

    [Fact]
    public async Task Set_NoEntries_UsageError()
    {
        CliResult result = await RunAsync("blacklist", "set", "--app", "web");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CIDR", result.Error);
    }

    [Fact]
    public async Task Show_GlobalEmpty_SaysSo()
    {
        CliResult result = await RunAsync("blacklist", "show");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("The global blacklist (every app) is empty." + Environment.NewLine, result.Out);
    }
}
