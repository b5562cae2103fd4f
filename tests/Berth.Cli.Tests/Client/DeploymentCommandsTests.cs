namespace Berth.Cli.Tests.Client;

/// <summary>deploy, scale and rollback against a real Berth whose instances run on the local engine (the sample image hello).</summary>
public sealed class DeploymentCommandsTests(DeploymentServer real) : ServerTest<DeploymentServer>(real)
{
    [Fact]
    public async Task Deploy_Version_PrintsEachChangeUntilLiveAndExits0()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("deploy", web, "v1", "--instances", "2");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Equal("", result.Error);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Matches($@"^Deploying {web} v1 with 2 instance\(s\) \(deployment \S+\)$", lines[0]);
        Assert.Equal("  pending", lines[1]);
        Assert.StartsWith("  succeeded", lines[^2]);
        Assert.Equal($"{web} v1 is live with 2 instance(s)", lines[^1]);
        Assert.All(lines[1..^1], line => Assert.StartsWith("  ", line));
    }

    [Fact]
    public async Task Deploy_VersionNotInTheRegistry_PrintsReasonAndExits1()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("deploy", web, "v404", "--instances", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  failed: ", result.Out);
        Assert.Matches(@"^error: deployment \S+ failed: \S", result.Error);
        Assert.DoesNotContain(" at ", result.Error);
    }

    [Fact]
    public async Task Deploy_NoInstancesOption_KeepsTheAppsCurrentCount()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1", instances: 2);

        CliResult result = await RunAsync("deploy", web, "v2");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.StartsWith($"Deploying {web} v2 with 2 instance(s)", result.Out);
        Assert.EndsWith($"{web} v2 is live with 2 instance(s)", result.Out.TrimEnd());
    }

    [Fact]
    public async Task Deploy_NoWait_ReturnsOnceAccepted()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("deploy", web, "v1", "--instances", "1", "--no-wait");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.Matches($@"^Deploying {web} v1 with 1 instance\(s\) \(deployment \S+\)$", lines[0]);
        Assert.Equal($"Accepted; see how it goes with: berth deployments {web}", lines[1]);
    }

    [Fact]
    public async Task Scale_ActiveVersion_FollowsTheScaleDeployment()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");

        CliResult result = await RunAsync("scale", web, "2");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.StartsWith($"Scaling {web} to 2 instance(s)", result.Out);
        Assert.EndsWith($"{web} v1 is live with 2 instance(s)", result.Out.TrimEnd());
    }

    [Fact]
    public async Task Rollback_AfterASecondVersion_RunsThePreviousOneAgain()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");
        await DeployAsync(web, "v2");

        CliResult result = await RunAsync("rollback", web);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.StartsWith($"Rolling back {web} to v1", result.Out);
        Assert.EndsWith($"{web} v1 is live with 1 instance(s)", result.Out.TrimEnd());
    }

    [Fact]
    public async Task Rollback_NoPreviousVersion_PrintsTheReasonAndExits1()
    {
        string web = await CreateAppAsync();

        CliResult result = await RunAsync("rollback", web);

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("previous", result.Error);
    }
}
