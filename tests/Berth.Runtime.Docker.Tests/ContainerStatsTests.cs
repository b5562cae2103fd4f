using Berth.Core.Runtime;

namespace Berth.Runtime.Docker.Tests;

/// <summary>Reading a container's CPU and memory from the real engine's stats.</summary>
public sealed class ContainerStatsTests
{
    [Fact]
    public async Task GetUsageAsync_RunningContainer_ReportsMemoryWithinItsLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var name = TestEngine.UniqueName();
        cleanup.Container(name);
        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);
        var id = await runtime.CreateAsync(new ContainerSpec
        {
            Name = name,
            Image = TestEngine.HelloV1,
            ContainerPort = 8080,
            HostIp = "127.0.0.1",
            HostPort = FreePorts.Take(),
            MemoryMb = 64,
            Labels = new Dictionary<string, string> { [TestEngine.RunLabel] = TestEngine.Guid8() },
        }, ct);
        await runtime.StartAsync(id, ct);

        var usage = await runtime.GetUsageAsync(id, ct);

        Assert.NotNull(usage);
        Assert.Equal(64L * 1024 * 1024, usage.MemoryLimitBytes);
        Assert.InRange(usage.MemoryUsedBytes, 1, usage.MemoryLimitBytes);
        Assert.True(usage.CpuPercent >= 0);
    }

    [Fact]
    public async Task GetUsageAsync_StoppedContainer_ReturnsNull()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var name = TestEngine.UniqueName();
        cleanup.Container(name);
        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);
        var id = await runtime.CreateAsync(new ContainerSpec
        {
            Name = name,
            Image = TestEngine.HelloV1,
            ContainerPort = 8080,
            HostIp = "127.0.0.1",
            HostPort = FreePorts.Take(),
            Labels = new Dictionary<string, string> { [TestEngine.RunLabel] = TestEngine.Guid8() },
        }, ct);

        Assert.Null(await runtime.GetUsageAsync(id, ct));
    }

    [Fact]
    public async Task GetUsageAsync_MissingContainer_ReturnsNull()
    {
        using var runtime = TestEngine.CreateRuntime();

        Assert.Null(await runtime.GetUsageAsync(TestEngine.UniqueName(), TestContext.Current.CancellationToken));
    }
}
