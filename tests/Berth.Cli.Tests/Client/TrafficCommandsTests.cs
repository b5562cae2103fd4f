namespace Berth.Cli.Tests.Client;

/// <summary>The traffic commands against a real Berth whose instances run on the local engine (the sample image hello).</summary>
public sealed class TrafficCommandsTests(TrafficServer real) : ServerTest<TrafficServer>(real)
{
    [Fact]
    public async Task Set_Weights_StoresThemAndPrintsShares()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");
        await DeployAsync(web, "v2");

        CliResult result = await RunAsync("traffic", "set", web, "v1=90", "v2=10", "--balancing", "least-requests");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("v1            90       90%", result.Out);
        Assert.Contains("v2 (active)   10       10%", result.Out);
        Assert.Contains("balancing: least-requests", result.Out);
        Assert.StartsWith($"Traffic of {web} set; ", result.Out);
        Assert.EndsWith((await RunAsync("traffic", "show", web)).Out, result.Out);
    }

    [Fact]
    public async Task Set_VersionNeverDeployed_PrintsTheReasonAndFails()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("traffic", "set", web, "v9=100");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal($"error: app '{web}' has no deployed version v9; weights name versions that were deployed" + Environment.NewLine, result.Error);
    }

    [Theory]
    [InlineData("v1:90", "expected VERSION=WEIGHT")]
    [InlineData("v1=-5", "whole number")]
    [InlineData("v1=ninety", "whole number")]
    public async Task Set_BadWeight_UsageErrorNamingIt(string weight, string message)
    {
        CliResult result = await RunAsync("traffic", "set", "web", weight);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Set_NothingToSet_UsageError()
    {
        CliResult result = await RunAsync("traffic", "set", "web");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("give weights", result.Error);
    }

    [Fact]
    public async Task ClearThenShow_Split_ActiveVersionTakesAllAgain()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");
        Assert.Equal(0, (await RunAsync("traffic", "set", web, "v1=100")).ExitCode);

        CliResult cleared = await RunAsync("traffic", "clear", web);
        CliResult shown = await RunAsync("traffic", "show", web);

        Assert.Equal(0, cleared.ExitCode);
        Assert.Contains("cleared", cleared.Out);
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(["No split: the active version (v1) takes all traffic.", "balancing: round-robin"], shown.Out.TrimEnd().Split(Environment.NewLine));
    }
}
