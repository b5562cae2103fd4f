namespace Berth.Cli.Tests.Client;

/// <summary>The apps commands against a real Berth, as the admin.</summary>
public sealed class AppsCommandsTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Ls_TwoApps_PrintsAlignedTableWithTheirIds()
    {
        string web = Name("web"), api = Name("api");
        Assert.Equal(0, (await RunAsync("apps", "create", web, "--image", "hello")).ExitCode);
        Assert.Equal(0, (await RunAsync("apps", "create", api, "--image", "hello")).ExitCode);

        CliResult result = await RunAsync("apps", "ls");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Matches(@"^ID\s+TENANT\s+ACTIVE\s+PREVIOUS\s+INSTANCES", lines[0]);
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^{web}\s+admin\s+-\s+-\s+0"));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^{api}\s+admin\s+-\s+-\s+0"));
    }

    [Fact]
    public async Task Ls_Json_PrintsTheApiJsonAsIs()
    {
        string web = Name("web");
        Assert.Equal(0, (await RunAsync("apps", "create", web, "--image", "hello")).ExitCode);

        CliResult result = await RunAsync("apps", "ls", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("[", result.Out);
        Assert.Contains($"\"id\":\"{web}\"", result.Out);
    }

    [Fact]
    public async Task Show_App_PrintsItsFields()
    {
        string web = Name("web");
        Assert.Equal(0, (await RunAsync("apps", "create", web, "--image", "hello")).ExitCode);

        CliResult result = await RunAsync("apps", "show", web);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("image:            hello", result.Out);
        Assert.Contains("active version:   -", result.Out);
        Assert.Contains("health check:     GET ", result.Out);
    }

    [Fact]
    public async Task Show_AppNotFound_PrintsProblemDetailOnStderrAndExits1()
    {
        CliResult result = await RunAsync("apps", "show", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("'nope'", result.Error);
    }

    [Fact]
    public async Task Rm_App_DeletesItAndSaysSo()
    {
        string web = Name("web");
        Assert.Equal(0, (await RunAsync("apps", "create", web, "--image", "hello")).ExitCode);

        CliResult result = await RunAsync("apps", "rm", web);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Removed app {web}" + Environment.NewLine, result.Out);
        Assert.Equal(1, (await RunAsync("apps", "show", web)).ExitCode);
    }

    private static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..12];
}
