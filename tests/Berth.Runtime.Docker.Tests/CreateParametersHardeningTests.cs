using Berth.Core.Runtime;

namespace Berth.Runtime.Docker.Tests;

public sealed class CreateParametersHardeningTests
{
    private static readonly ContainerSpec Spec = new()
    {
        Name = "berth-a",
        Image = "127.0.0.1:5000/hello:v1",
        ContainerPort = 8080,
        HostIp = "127.0.0.1",
        HostPort = 25010,
        MemoryMb = 64,
        CpuShares = 256,
    };

    [Fact]
    public void From_AnySpec_DropsPrivilegesCapabilitiesAndBoundsPidsAndLogs()
    {
        var host = CreateParameters.From(Spec).HostConfig!;

        Assert.Equal(["no-new-privileges:true"], host.SecurityOpt);
        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Equal(["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "NET_BIND_SERVICE", "SETGID", "SETUID"], host.CapAdd);
        Assert.Equal(512, host.PidsLimit);
        Assert.Equal(("json-file", "10m", "3"), (host.LogConfig!.Type, host.LogConfig.Config["max-size"], host.LogConfig.Config["max-file"]));
        Assert.False(host.Privileged);
        Assert.Null(host.Binds);
        Assert.Null(host.Mounts);
        Assert.False(host.ReadonlyRootfs);
        Assert.Null(host.Tmpfs);
        Assert.Equal("default", host.NetworkMode);
    }

    [Fact]
    public void From_ReadOnlyRootOnANetwork_MountsTmpAndJoinsIt()
    {
        var host = CreateParameters.From(Spec with { ReadOnlyRootFilesystem = true, Network = "berth-t-acme" }).HostConfig!;

        Assert.True(host.ReadonlyRootfs);
        Assert.Equal("rw,nosuid,nodev,size=64m", host.Tmpfs!["/tmp"]);
        Assert.Equal("berth-t-acme", host.NetworkMode);
    }
}
