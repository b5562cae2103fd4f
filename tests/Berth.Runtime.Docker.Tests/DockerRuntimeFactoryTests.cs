using Berth.Core.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Runtime.Docker.Tests;

public sealed class DockerRuntimeFactoryTests
{
    [Fact]
    public void Get_SameEndpoint_ReturnsSameRuntime()
    {
        using var factory = new DockerRuntimeFactory(NullLoggerFactory.Instance);

        Assert.Same(factory.Get(TestEngine.Endpoint), factory.Get(TestEngine.Endpoint));
    }

    [Fact]
    public void Get_OtherEndpoint_ReturnsOtherRuntime()
    {
        using var factory = new DockerRuntimeFactory(NullLoggerFactory.Instance);

        Assert.NotSame(factory.Get(TestEngine.Endpoint), factory.Get("unix:///var/run/other.sock"));
    }

    [Fact]
    public void Get_AfterDispose_Throws()
    {
        var factory = new DockerRuntimeFactory(NullLoggerFactory.Instance);
        factory.Get(TestEngine.Endpoint);
        factory.Dispose();

        Assert.Throws<ObjectDisposedException>(() => factory.Get(TestEngine.Endpoint));
    }

    [Fact]
    public async Task AddDockerRuntime_Resolved_GivesWorkingFactory()
    {
        await using var services = new ServiceCollection().AddDockerRuntime().BuildServiceProvider();

        var factory = services.GetRequiredService<IContainerRuntimeFactory>();
        var capacity = await factory.Get(TestEngine.Endpoint).GetCapacityAsync(TestContext.Current.CancellationToken);

        Assert.IsType<DockerRuntimeFactory>(factory);
        Assert.True(capacity.Cpus > 0);
    }
}
