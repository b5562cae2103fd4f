using System.Diagnostics;
using Berth.Core.Runtime;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker.Tests;

/// <summary>The engine's event stream, against the real engine.</summary>
public sealed class ContainerEventsTests
{
    [Fact]
    public async Task WatchAsync_ContainerKilled_ReportsDieWithExitCodeAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var runLabel = TestEngine.Guid8();
        var labels = new Dictionary<string, string> { [TestEngine.RunLabel] = runLabel };
        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);
        var id = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = TestEngine.UniqueName(),
            Image = TestEngine.HelloV1,
            Labels = labels,
            HostConfig = new HostConfig { Init = true },
        }, ct)).ID;
        cleanup.Container(id);

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        watching.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new List<ContainerEvent>();
        var killedAt = 0L;
        var reader = Task.Run(async () =>
        {
            await foreach (var containerEvent in runtime.WatchAsync(labels, watching.Token))
            {
                seen.Add(containerEvent);
                if (containerEvent.Action == "die")
                {
                    return Stopwatch.GetElapsedTime(killedAt);
                }
            }

            return TimeSpan.MaxValue;
        }, ct);
        // The stream only carries events from the moment it is open; give the request a moment to reach the engine.
        await Task.Delay(300, ct);
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
        killedAt = Stopwatch.GetTimestamp();
        await docker.Containers.KillContainerAsync(id, new ContainerKillParameters(), ct);

        var latency = await reader;

        // Printed, not asserted: a busy 2-core machine delays any stream by seconds. The order below shows it streams.
        TestContext.Current.TestOutputHelper?.WriteLine($"die arrived after {latency.TotalMilliseconds:0} ms");
        Assert.Equal(["start", "kill", "die"], seen.Select(e => e.Action));
        Assert.All(seen, e => Assert.Equal(id, e.ContainerId));
        var die = seen[^1];
        Assert.Equal(137, die.ExitCode);
        Assert.Equal(runLabel, die.Attributes[TestEngine.RunLabel]);
        Assert.InRange(die.Time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task WatchAsync_UnreachableEngine_Throws()
    {
        using var runtime = new DockerContainerRuntime(new Uri("unix:///tmp/berth-no-engine.sock"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        await Assert.ThrowsAsync<ContainerRuntimeException>(async () =>
        {
            await foreach (var _ in runtime.WatchAsync(new Dictionary<string, string>(), TestContext.Current.CancellationToken))
            {
            }
        });
    }
}
