namespace Berth.Cli.Tests.Client;

/// <summary>The config commands against a real Berth, as the admin.</summary>
public sealed class ConfigCommandsTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Ls_WithASecret_MasksIt()
    {
        string app = await AppAsync();
        Assert.Equal(0, (await RunAsync("config", "set", app, "COLOR", "blue")).ExitCode);
        Assert.Equal(0, (await RunAsync("config", "set", app, "TOKEN", "s3cret", "--secret")).ExitCode);

        CliResult result = await RunAsync("config", "ls", app);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("COLOR   blue", result.Out);
        Assert.Contains("TOKEN   (secret)", result.Out);
        Assert.DoesNotContain("s3cret", result.Out);
    }

    [Fact]
    public async Task Set_Plain_GetPrintsTheValue()
    {
        string app = await AppAsync();

        CliResult set = await RunAsync("config", "set", app, "COLOR", "blue");

        Assert.Equal(0, set.ExitCode);
        CliResult got = await RunAsync("config", "get", app, "COLOR");
        Assert.Equal((0, "blue"), (got.ExitCode, got.Out.Trim()));
    }

    [Fact]
    public async Task Get_MissingKey_PrintsTheReasonAndFails()
    {
        string app = await AppAsync();

        CliResult result = await RunAsync("config", "get", app, "NOPE");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("'NOPE'", result.Error);
        Assert.Equal("", result.Out);
    }

    private async Task<string> AppAsync()
    {
        string app = $"cfg-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("apps", "create", app, "--image", "hello")).ExitCode);
        return app;
    }
}
