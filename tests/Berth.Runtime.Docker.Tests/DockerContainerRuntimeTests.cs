using System.Net;
using System.Net.Sockets;
using Berth.Core.Runtime;

namespace Berth.Runtime.Docker.Tests;

/// <summary>The runtime against the real engine, with the registry's hello image.</summary>
public sealed class DockerContainerRuntimeTests
{
    private static ContainerSpec HelloSpec(string name, int hostPort, string runLabel) => new()
    {
        Name = name,
        Image = TestEngine.HelloV1,
        ContainerPort = 8080,
        HostIp = "127.0.0.1",
        HostPort = hostPort,
        MemoryMb = 64,
        CpuShares = 512,
        Env = new Dictionary<string, string> { ["BERTH_TEST"] = "yes" },
        Labels = new Dictionary<string, string>
        {
            [BerthLabels.Managed] = "true",
            [BerthLabels.App] = "hello",
            [TestEngine.RunLabel] = runLabel,
        },
    };

    [Fact]
    public async Task Lifecycle_HelloImage_ServesThenStopsAndIsRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var name = TestEngine.UniqueName();
        var runLabel = TestEngine.Guid8();
        var port = FreePorts.Take();
        cleanup.Container(name);

        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);
        var id = await runtime.CreateAsync(HelloSpec(name, port, runLabel), ct);
        await runtime.StartAsync(id, ct);

        var body = await HttpPoll.GetBodyAsync($"http://127.0.0.1:{port}/", "hello v1", TimeSpan.FromSeconds(10), ct);
        Assert.Contains("hello v1", body, StringComparison.Ordinal);

        var running = await runtime.InspectAsync(id, ct);
        Assert.NotNull(running);
        Assert.Equal((id, name, TestEngine.HelloV1, true, "running", port), (running.Id, running.Name, running.Image, running.Running, running.Status, running.HostPort));
        Assert.Equal("hello", running.Labels[BerthLabels.App]);
        Assert.Equal(runLabel, running.Labels[TestEngine.RunLabel]);

        var engineView = await docker.Containers.InspectContainerAsync(id, ct);
        var hostConfig = engineView.HostConfig!;
        Assert.Equal((64L * 1024 * 1024, 512L, true), (hostConfig.Memory, hostConfig.CPUShares, hostConfig.Init));
        Assert.Contains("BERTH_TEST=yes", engineView.Config!.Env!);

        var listed = await runtime.ListAsync(new Dictionary<string, string> { [TestEngine.RunLabel] = runLabel }, ct);
        Assert.Equal(id, Assert.Single(listed).Id);

        await runtime.StopAsync(id, TimeSpan.FromSeconds(5), ct);
        var stopped = await runtime.InspectAsync(id, ct);
        Assert.NotNull(stopped);
        Assert.False(stopped.Running);
        Assert.Equal("exited", stopped.Status);
        Assert.Equal(port, stopped.HostPort);

        await runtime.StopAsync(id, TimeSpan.FromSeconds(5), ct);
        await runtime.RemoveAsync(id, ct);
        Assert.Null(await runtime.InspectAsync(id, ct));
    }

    [Fact]
    public async Task StopAsync_MissingContainer_DoesNotThrow()
    {
        using var runtime = TestEngine.CreateRuntime();
        await runtime.StopAsync(TestEngine.UniqueName(), TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RemoveAsync_MissingContainer_DoesNotThrow()
    {
        using var runtime = TestEngine.CreateRuntime();
        await runtime.RemoveAsync(TestEngine.UniqueName(), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task InspectAsync_MissingContainer_ReturnsNull()
    {
        using var runtime = TestEngine.CreateRuntime();
        Assert.Null(await runtime.InspectAsync(TestEngine.UniqueName(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ListAsync_LabelNobodyCarries_ReturnsEmpty()
    {
        using var runtime = TestEngine.CreateRuntime();
        var labels = new Dictionary<string, string> { [TestEngine.RunLabel] = TestEngine.Guid8() };
        Assert.Empty(await runtime.ListAsync(labels, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateAsync_NameInUse_ThrowsNameInUse()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var name = TestEngine.UniqueName();
        var spec = HelloSpec(name, FreePorts.Take(), TestEngine.Guid8());
        cleanup.Container(name);
        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);
        await runtime.CreateAsync(spec, ct);

        var error = await Assert.ThrowsAsync<ContainerNameInUseException>(() => runtime.CreateAsync(spec, ct));

        Assert.Equal(name, error.Name);
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_HostPortHeldByAnotherContainer_ThrowsHostPortInUseWithEngineReason()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var port = FreePorts.Take();
        var (first, second) = (TestEngine.UniqueName(), TestEngine.UniqueName());
        cleanup.Container(first);
        cleanup.Container(second);
        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);
        await runtime.StartAsync(await runtime.CreateAsync(HelloSpec(first, port, TestEngine.Guid8()), ct), ct);
        var secondId = await runtime.CreateAsync(HelloSpec(second, port, TestEngine.Guid8()), ct);

        var error = await Assert.ThrowsAsync<HostPortInUseException>(() => runtime.StartAsync(secondId, ct));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already allocated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_HostPortHeldByAProcessOutsideTheEngine_ThrowsHostPortInUse()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var port = FreePorts.Take();
        using var outsider = new TcpListener(IPAddress.Any, port);
        outsider.Start();
        var name = TestEngine.UniqueName();
        cleanup.Container(name);
        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);
        var id = await runtime.CreateAsync(HelloSpec(name, port, TestEngine.Guid8()), ct);

        var error = await Assert.ThrowsAsync<HostPortInUseException>(() => runtime.StartAsync(id, ct));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("address already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ImageNotLocal_ThrowsRuntimeExceptionNamingImage()
    {
        using var runtime = TestEngine.CreateRuntime();
        var image = $"{TestEngine.Registry}/hello:absent-{TestEngine.Guid8()}";
        var spec = HelloSpec(TestEngine.UniqueName(), FreePorts.Take(), TestEngine.Guid8()) with { Image = image };

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => runtime.CreateAsync(spec, TestContext.Current.CancellationToken));

        Assert.Contains(image, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCapacityAsync_RealEngine_ReportsCpusAndMemory()
    {
        using var runtime = TestEngine.CreateRuntime();

        var capacity = await runtime.GetCapacityAsync(TestContext.Current.CancellationToken);

        Assert.True(capacity.Cpus > 0);
        Assert.True(capacity.MemoryMb > 0);
    }

    [Fact]
    public async Task GetCapacityAsync_NoEngine_ThrowsRuntimeExceptionNamingEndpoint()
    {
        var endpoint = $"unix:///tmp/berth-no-engine-{TestEngine.Guid8()}.sock";
        using var runtime = new DockerContainerRuntime(new Uri(endpoint), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => runtime.GetCapacityAsync(TestContext.Current.CancellationToken));

        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
    }
}
