using Berth.ControlPlane.Tests.Support;

namespace Berth.Cli.Tests.Client;

/// <summary><c>berth events</c> against a real Berth whose instances run on the local engine (the sample image hello).</summary>
public sealed class EventsCommandsTests(EventsServer real) : ServerTest<EventsServer>(real)
{
    /// <summary>How long an event may take to be recorded and shown (only a failure waits that long).</summary>
    private static readonly TimeSpan EventLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Events_ReplacedInstance_PrintsOneLinePerEventWithKeptLogLinesBelow()
    {
        string web = await CreateAppAsync("--on-failure", "replace");
        await DeployAsync(web, "v1");
        var (id, container, _, _) = Assert.Single(await InstancesAsync(web));
        await DockerCli.RunAsync(null, "exec", container, "sh", "-c", "echo fatal: no database > /proc/1/fd/1");

        await DockerCli.KillAsync(container);
        await using (FollowingCommand following = Follow("events", web, "-f"))
        {
            await following.WaitForAsync("| fatal: no database", EventLimit);
        }

        CliResult result = await RunAsync("events", web);
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d  instanceStarted\s+{id}\s+\S"));
        int replaced = Array.FindIndex(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^\S+ \S+  replaced\s+{id}\s+replaced by "));
        Assert.True(replaced >= 0, result.Out);
        Assert.Contains("    | fatal: no database", lines[(replaced + 1)..].TakeWhile(line => line.StartsWith("    | ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Events_Follow_PrintsNewEventsUntilTheAppIsGone()
    {
        string web = await CreateAppAsync();
        await using FollowingCommand following = Follow("events", web, "-f");

        await DeployAsync(web, "v1");
        await following.WaitForAsync("instanceStarted", EventLimit);
        Assert.Equal(0, (await RunAsync("apps", "rm", web)).ExitCode);

        Assert.Equal(1, await following.ExitAsync());
        Assert.Equal($"error: app '{web}' was not found" + Environment.NewLine, following.Error);
    }

    [Fact]
    public async Task Events_Json_PrintsTheApisJson()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1");

        CliResult result = await RunAsync("events", web, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("""[{"sequence":""", result.Out);
        Assert.Contains("\"type\":\"instanceStarted\"", result.Out);
    }
}
