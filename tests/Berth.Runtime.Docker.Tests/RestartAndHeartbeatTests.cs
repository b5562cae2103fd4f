using Berth.Core.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Runtime.Docker.Tests;

/// <summary>In-place restarts and engine pings, against the real engine.</summary>
public sealed class RestartAndHeartbeatTests
{
    [Fact]
    public async Task RestartAsync_ExitedContainer_RunsAgainWithSameIdAndPort()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var name = TestEngine.UniqueName();
        var port = FreePorts.Take();
        cleanup.Container(name);
        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);
        var id = await runtime.CreateAsync(new ContainerSpec
        {
            Name = name,
            Image = TestEngine.HelloV1,
            ContainerPort = 8080,
            HostIp = "127.0.0.1",
            HostPort = port,
            Labels = new Dictionary<string, string> { [TestEngine.RunLabel] = TestEngine.Guid8() },
        }, ct);
        await runtime.StartAsync(id, ct);
        await docker.Containers.KillContainerAsync(id, new global::Docker.DotNet.Models.ContainerKillParameters(), ct);

        await runtime.RestartAsync(id, TimeSpan.FromSeconds(1), ct);

        var info = await runtime.InspectAsync(id, ct);
        Assert.True(info!.Running);
        Assert.Equal(port, info.HostPort);
        Assert.Contains("hello v1", await HttpPoll.GetBodyAsync($"http://127.0.0.1:{port}/", "hello v1", TimeSpan.FromSeconds(10), ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartAsync_MissingContainer_ThrowsContainerNotFound()
    {
        using var runtime = TestEngine.CreateRuntime();

        await Assert.ThrowsAsync<ContainerNotFoundException>(() =>
            runtime.RestartAsync(TestEngine.UniqueName(), TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PingAsync_RunningEngine_Answers() =>
        await TestEngine.CreateRuntime().PingAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task PingAsync_NoEngine_ThrowsContainerRuntimeException()
    {
        using var runtime = new DockerContainerRuntime(new Uri("unix:///tmp/berth-no-engine.sock"), NullLogger.Instance);

        await Assert.ThrowsAsync<ContainerRuntimeException>(() => runtime.PingAsync(TestContext.Current.CancellationToken));
    }
}
