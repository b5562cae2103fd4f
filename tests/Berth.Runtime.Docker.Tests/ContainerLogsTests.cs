using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker.Tests;

/// <summary>Reading a container's output, against the real engine.</summary>
public sealed class ContainerLogsTests
{
    [Fact]
    public async Task ReadLogsAsync_Tail_ReturnsLastLinesOfBothStreamsInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var id = await RunAsync(docker, cleanup, runtime, "echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three; echo four");
        await docker.Containers.WaitContainerAsync(id, ct);

        var all = await ReadAllAsync(runtime, id, new LogRequest());
        var tail = await ReadAllAsync(runtime, id, new LogRequest { Tail = 2 });

        Assert.Equal(["one", "two", "three", "four"], all.Select(l => l.Text));
        Assert.Equal(LogStream.Stderr, all[1].Stream);
        Assert.Equal(LogStream.Stdout, all[0].Stream);
        Assert.All(all, l => Assert.InRange(l.Time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal(["three", "four"], tail.Select(l => l.Text));
    }

    [Fact]
    public async Task ReadLogsAsync_Follow_StreamsNewLinesUntilTheContainerStops()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var id = await RunAsync(docker, cleanup, runtime, "echo first; sleep 1; echo second; sleep 1; echo third");

        var lines = await ReadAllAsync(runtime, id, new LogRequest { Follow = true });

        Assert.Equal(["first", "second", "third"], lines.Select(l => l.Text));
        Assert.True(lines[2].Time - lines[0].Time > TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task ReadLogsAsync_MissingContainer_ReturnsNothing()
    {
        using var runtime = TestEngine.CreateRuntime();

        Assert.Empty(await ReadAllAsync(runtime, TestEngine.UniqueName(), new LogRequest { Follow = true }));
    }

    private static async Task<string> RunAsync(DockerClient docker, EngineCleanup cleanup, DockerContainerRuntime runtime, string script)
    {
        var ct = TestContext.Current.CancellationToken;
        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);
        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = TestEngine.UniqueName(),
            Image = TestEngine.HelloV1,
            Cmd = ["sh", "-c", script],
            Labels = new Dictionary<string, string> { [TestEngine.RunLabel] = TestEngine.Guid8() },
            HostConfig = new HostConfig { Init = true },
        }, ct)).ID;
        cleanup.Container(id);
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
        return id;
    }

    private static async Task<List<LogLine>> ReadAllAsync(DockerContainerRuntime runtime, string id, LogRequest request)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var lines = new List<LogLine>();
        await foreach (var line in runtime.ReadLogsAsync(id, request, timeout.Token))
        {
            lines.Add(line);
        }

        return lines;
    }
}
