using Berth.ControlPlane.Tests.Support;

namespace Berth.Cli.Tests.Client;

/// <summary><c>berth logs</c> against a real Berth whose instances run on the local engine (the sample image hello).</summary>
public sealed class LogsCommandsTests(LogsServer real) : ServerTest<LogsServer>(real)
{
    /// <summary>How long a line may take from the container's output to the command's (only a failure waits that long).</summary>
    private static readonly TimeSpan LineLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Logs_FollowTailInstance_PrintsThatInstancesLinesAsTheyAreWritten()
    {
        string web = await CreateAppAsync();
        await DeployAsync(web, "v1", instances: 2);
        var (one, other) = (await InstancesAsync(web)) switch { [var a, var b] => (a, b), var all => throw new InvalidOperationException($"{all.Count} instances") };
        await WriteLineAsync(one.ContainerId, "first");
        await WriteLineAsync(other.ContainerId, "not this one");

        await using FollowingCommand logs = Follow("logs", web, "-f", "--tail", "5", "--instance", one.Id);
        await logs.WaitForAsync("first", LineLimit);
        await WriteLineAsync(one.ContainerId, "second");
        await logs.WaitForAsync("second", LineLimit);

        string[] lines = logs.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\[\S+\] first$", lines[0]);
        Assert.Matches(@"^\[\S+\] second$", lines[1]);
        Assert.Equal("", logs.Error);
    }

    [Fact]
    public async Task Logs_UnknownApp_PrintsTheReasonAndExits1()
    {
        CliResult result = await RunAsync("logs", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal("error: app 'nope' was not found" + Environment.NewLine, result.Error);
    }

    /// <summary>Writes <paramref name="text"/> to the container's output, as the app would (PID 1 is the engine's init).</summary>
    private static Task WriteLineAsync(string containerId, string text) =>
        DockerCli.RunAsync(null, "exec", containerId, "sh", "-c", $"echo {text} > /proc/1/fd/1");
}
