namespace Berth.Cli.Tests.Client;

/// <summary>Canary deploys, promote and abort against a real Berth whose instances run on the local engine (the sample image hello).</summary>
public sealed class CanaryCommandsTests(CanaryServer real) : ServerTest<CanaryServer>(real)
{
    [Fact]
    public async Task Deploy_Canary_RunsItBesideTheActiveVersionAndSaysHowToEndIt()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");

        CliResult result = await RunAsync("deploy", web, "v2", "--canary", "1");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Matches($@"^Deploying {web} v2 as a canary with 1 instance\(s\) \(deployment \S+\)", result.Out);
        Assert.Contains($"{web} v2 runs as a canary with 1 instance(s) beside the active version", result.Out);
        Assert.Contains($"'berth promote {web}' or 'berth abort {web}'", result.Out);
        Assert.Equal(["v1", "v2"], (await InstancesAsync(web)).Select(i => i.Version).Order());
    }

    [Theory]
    [InlineData("--canary", "1", "--instances", "2", "not both")]
    [InlineData("--canary", "0", "--no-wait", "", "at least 1")]
    public async Task Deploy_CanaryWithBadCounts_UsageError(string a, string b, string c, string d, string message)
    {
        string[] args = ["deploy", "web", "v2", a, b, c, .. d.Length > 0 ? [d] : Array.Empty<string>(), ];

        CliResult result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Promote_AppWithCanary_PromotesItsCanaryDeploymentAndFollows()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");
        Assert.Equal(0, (await RunAsync("deploy", web, "v2", "--canary", "1")).ExitCode);

        CliResult result = await RunAsync("promote", web);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Matches($@"^Promoting the canary v2 of {web} to 1 instance\(s\) \(deployment \S+\)", result.Out);
        Assert.EndsWith($"{web} v2 is live with 1 instance(s)", result.Out.TrimEnd());
    }

    [Fact]
    public async Task Abort_AppWithCanary_PrintsWhatWasRemoved()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");
        Assert.Equal(0, (await RunAsync("deploy", web, "v2", "--canary", "1")).ExitCode);

        CliResult result = await RunAsync("abort", web);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.StartsWith($"Canary v2 of {web} aborted", result.Out);
        Assert.Equal(["v1"], (await InstancesAsync(web)).Select(i => i.Version));
    }

    [Fact]
    public async Task Abort_NoCanary_SaysHowToStartOneAndFails()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("abort", web);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {web} runs no canary; start one with 'berth deploy {web} VERSION --canary N'" + Environment.NewLine, result.Error);
    }
}
