using Berth.Core.Runtime;

namespace Berth.Runtime.Docker.Tests;

public sealed class CreateParametersTests
{
    private static readonly ContainerSpec Spec = new()
    {
        Name = "berth-a",
        Image = "127.0.0.1:5000/hello:v1",
        ContainerPort = 8080,
        HostIp = "127.0.0.2",
        HostPort = 25010,
        MemoryMb = 128,
        CpuShares = 256,
        Env = new Dictionary<string, string> { ["A"] = "1" },
        Labels = new Dictionary<string, string> { [BerthLabels.App] = "hello" },
    };

    [Fact]
    public void From_Spec_PublishesContainerPortOnHostIpAndPort()
    {
        var parameters = CreateParameters.From(Spec);

        Assert.Contains("8080/tcp", parameters.ExposedPorts!.Keys);
        var binding = Assert.Single(parameters.HostConfig!.PortBindings["8080/tcp"]);
        Assert.Equal(("127.0.0.2", "25010"), (binding.HostIP, binding.HostPort));
    }

    [Fact]
    public void From_HostPortZero_PublishesNothing() =>
        Assert.Empty(CreateParameters.From(Spec with { HostPort = 0 }).HostConfig!.PortBindings);

    [Fact]
    public void From_Spec_SetsLimitsInitEnvAndLabels()
    {
        var parameters = CreateParameters.From(Spec);
        var host = parameters.HostConfig!;

        Assert.Equal(("berth-a", "127.0.0.1:5000/hello:v1"), (parameters.Name, parameters.Image));
        Assert.Equal((128L * 1024 * 1024, 256L, true), (host.Memory, host.CPUShares, host.Init));
        Assert.Equal(["A=1"], parameters.Env);
        Assert.Equal("hello", parameters.Labels![BerthLabels.App]);
    }

    [Fact]
    public void From_NoMemory_LeavesMemoryUnlimited() =>
        Assert.Equal(0, CreateParameters.From(Spec with { MemoryMb = 0 }).HostConfig!.Memory);
}
