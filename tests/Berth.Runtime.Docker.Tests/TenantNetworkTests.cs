using System.Text;
using Berth.Core.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;
using ContainerSpec = Berth.Core.Runtime.ContainerSpec;

namespace Berth.Runtime.Docker.Tests;

/// <summary>Tenant networks on the real engine: made on demand, isolated from each other, removed with their last container.</summary>
public sealed class TenantNetworkTests
{
    private static ContainerSpec Spec(string name, string network, int hostPort, string runLabel) => new()
    {
        Name = name,
        Image = TestEngine.HelloV1,
        ContainerPort = 8080,
        HostIp = "127.0.0.1",
        HostPort = hostPort,
        MemoryMb = 32,
        CpuShares = 128,
        Network = network,
        Labels = new Dictionary<string, string> { [BerthLabels.Managed] = "true", [TestEngine.RunLabel] = runLabel },
    };

    [Fact]
    public async Task Containers_OfTwoTenants_ReachTheirOwnButNotTheOthersAndPublishedPortsWork()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var run = TestEngine.Guid8();
        var (networkA, networkB) = ($"{BerthNetworks.TenantPrefix}a-{run}", $"{BerthNetworks.TenantPrefix}b-{run}");
        await runtime.EnsureImageAsync(TestEngine.HelloV1, ct);

        var a1 = await StartAsync(runtime, cleanup, Spec(TestEngine.UniqueName(), networkA, FreePorts.Take(), run), ct);
        var a2 = await StartAsync(runtime, cleanup, Spec(TestEngine.UniqueName(), networkA, FreePorts.Take(), run), ct);
        var b1Port = FreePorts.Take();
        var b1 = await StartAsync(runtime, cleanup, Spec(TestEngine.UniqueName(), networkB, b1Port, run), ct);
        try
        {
            var ownAddress = await AddressAsync(docker, a2, networkA, ct);
            var otherAddress = await AddressAsync(docker, b1, networkB, ct);

            Assert.Contains("hello v1", await FetchFromAsync(docker, a1, ownAddress, attempts: 10, ct), StringComparison.Ordinal);
            Assert.DoesNotContain("hello v1", await FetchFromAsync(docker, a1, otherAddress, attempts: 1, ct), StringComparison.Ordinal);
            Assert.Contains("hello v1", await HttpPoll.GetBodyAsync($"http://127.0.0.1:{b1Port}/", "hello v1", TimeSpan.FromSeconds(10), ct),
                StringComparison.Ordinal);
        }
        finally
        {
            foreach (var id in new[] { a1, a2, b1 })
            {
                await runtime.RemoveAsync(id, CancellationToken.None);
            }
        }

        var left = await docker.Networks.ListNetworksAsync(new NetworksListParameters(), ct);
        Assert.DoesNotContain(left, n => n.Name == networkA || n.Name == networkB);
    }

    [Fact]
    public async Task RemoveAsync_OneOfTwoContainers_KeepsTheNetworkForTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var run = TestEngine.Guid8();
        var network = $"{BerthNetworks.TenantPrefix}keep-{run}";
        var first = await runtime.CreateAsync(Spec(TestEngine.UniqueName(), network, FreePorts.Take(), run), ct);
        cleanup.Container(first);
        var second = await runtime.CreateAsync(Spec(TestEngine.UniqueName(), network, FreePorts.Take(), run), ct);
        cleanup.Container(second);

        await runtime.RemoveAsync(first, ct);
        var kept = await docker.Networks.InspectNetworkAsync(network, ct);
        await runtime.RemoveAsync(second, ct);

        Assert.Equal(network, kept.Name);
        await Assert.ThrowsAsync<DockerNetworkNotFoundException>(() => docker.Networks.InspectNetworkAsync(network, ct));
    }

    [Fact]
    public async Task CreateAsync_NetworkMadeTwiceByARace_KeepsTheOldestAndCreates()
    {
        var ct = TestContext.Current.CancellationToken;
        using var docker = TestEngine.CreateClient();
        await using var cleanup = new EngineCleanup(docker);
        using var runtime = TestEngine.CreateRuntime();
        var run = TestEngine.Guid8();
        var network = $"{BerthNetworks.TenantPrefix}twice-{run}";
        // What two control planes making the network at once leave behind on engines before 25.
        var made = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var parameters = new NetworksCreateParameters { Name = network, Driver = "bridge", Labels = new Dictionary<string, string> { [BerthLabels.Managed] = "true" } };
            made.Add((await docker.Networks.CreateNetworkAsync(parameters, ct)).ID);
        }

        var id = await runtime.CreateAsync(Spec(TestEngine.UniqueName(), network, FreePorts.Take(), run), ct);
        cleanup.Container(id);

        var left = (await docker.Networks.ListNetworksAsync(new NetworksListParameters(), ct)).Where(n => n.Name == network).ToList();
        Assert.Equal([made[0]], left.Select(n => n.ID));
        await runtime.RemoveAsync(id, ct);
    }

    private static async Task<string> StartAsync(DockerContainerRuntime runtime, EngineCleanup cleanup, ContainerSpec spec, CancellationToken ct)
    {
        cleanup.Container(spec.Name);
        var id = await runtime.CreateAsync(spec, ct);
        await runtime.StartAsync(id, ct);
        return id;
    }

    private static async Task<string> AddressAsync(DockerClient docker, string containerId, string network, CancellationToken ct) =>
        (await docker.Containers.InspectContainerAsync(containerId, ct)).NetworkSettings!.Networks[network].IPAddress;

    /// <summary>
    /// GET / of <paramref name="address"/>:8080 from inside <paramref name="containerId"/>, through the Engine API's exec.
    /// busybox's <c>nc</c>, not its <c>wget</c>: the static busybox's wget crashes resolving names. A server still
    /// starting gets <paramref name="attempts"/> tries, 2 s each at most.
    /// </summary>
    private static async Task<string> FetchFromAsync(DockerClient docker, string containerId, string address, int attempts, CancellationToken ct)
    {
        var exec = await docker.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
        {
            AttachStdout = true,
            AttachStderr = true,
            Cmd = ["sh", "-c", $"for i in {string.Join(' ', Enumerable.Range(1, attempts))}; do printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 {address} 8080 && exit 0; sleep 0.2; done; exit 1"],
        }, ct);
        using var stream = await docker.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), ct)
            ?? throw new InvalidOperationException("the engine gave no output stream for the exec");
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct);
        return stdout + stderr;
    }
}
