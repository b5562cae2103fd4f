using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Berth.Runtime.Docker.Tests;

/// <summary>Pulling from the loopback registry.</summary>
public sealed class EnsureImageTests
{
    [Fact]
    public async Task EnsureImageAsync_ImageOnlyInRegistry_PullsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        const string repository = TestEngine.Registry + "/berth-runtime-test";
        var tag = TestEngine.Guid8();
        var image = $"{repository}:{tag}";
        using (var setup = TestEngine.CreateRuntime())
        {
            await setup.EnsureImageAsync(TestEngine.HelloV1, ct);
        }

        // A unique tag pushed and then untagged locally: nobody else's image is touched.
        cleanup.Image(image);
        await docker.Images.TagImageAsync(TestEngine.HelloV1, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct);
        var push = new PullProgress();
        await docker.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag }, new AuthConfig(), push, ct);
        Assert.Null(push.Error);
        await docker.Images.DeleteImageAsync(image, new ImageDeleteParameters(), ct);
        await Assert.ThrowsAsync<DockerImageNotFoundException>(() => docker.Images.InspectImageAsync(image, ct));
        var credentials = new RecordingCredentials();
        using var runtime = TestEngine.CreateRuntime(credentials);

        await runtime.EnsureImageAsync(image, ct);

        Assert.NotNull(await docker.Images.InspectImageAsync(image, ct));
        Assert.Equal((TestEngine.Registry, "berth-runtime-test"), Assert.Single(credentials.Asked));
    }

    [Fact]
    public async Task EnsureImageAsync_ImageAlreadyLocal_DoesNotPull()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var setup = TestEngine.CreateRuntime())
        {
            await setup.EnsureImageAsync(TestEngine.HelloV1, ct);
        }

        var credentials = new RecordingCredentials();
        using var runtime = TestEngine.CreateRuntime(credentials);

        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);

        Assert.Empty(credentials.Asked);
    }

    [Fact]
    public async Task EnsureImageAsync_TagNotInRegistry_ThrowsImageNotFoundWithReason()
    {
        using var runtime = TestEngine.CreateRuntime();
        const string image = TestEngine.Registry + "/hello:no-such-tag";

        var error = await Assert.ThrowsAsync<ImageNotFoundException>(() => runtime.EnsureImageAsync(image, TestContext.Current.CancellationToken));

        Assert.Equal(image, error.Image);
        Assert.Contains(image, error.Message, StringComparison.Ordinal);
        Assert.Contains("manifest unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureImageAsync_RegistryUnreachable_ThrowsRuntimeException()
    {
        using var runtime = TestEngine.CreateRuntime();
        var image = $"127.0.0.1:{FreePorts.Take()}/hello:v1";

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => runtime.EnsureImageAsync(image, TestContext.Current.CancellationToken));

        Assert.Contains(image, error.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingCredentials : IRegistryCredentialsProvider
    {
        public List<(string Registry, string Repository)> Asked { get; } = [];

        public ValueTask<RegistryCredentials?> GetAsync(string registry, string repository, CancellationToken cancellationToken)
        {
            Asked.Add((registry, repository));
            return ValueTask.FromResult<RegistryCredentials?>(new RegistryCredentials { Username = "tester", Password = "secret" });
        }
    }
}
