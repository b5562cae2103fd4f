using Docker.DotNet.Models;

namespace Berth.Runtime.Docker.Tests;

public sealed class ContainerInfoMapperTests
{
    private static ContainerInspectResponse Response(bool running) => new()
    {
        ID = "abc",
        Name = "/berth-a",
        Image = "sha256:def",
        State = new State { Running = running, Status = running ? "running" : "exited" },
        Config = new ContainerConfig { Image = "127.0.0.1:5000/hello:v1", Labels = new Dictionary<string, string> { ["k"] = "v" } },
        HostConfig = new HostConfig
        {
            PortBindings = new Dictionary<string, IList<PortBinding>> { ["8080/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "25010" }] },
        },
        NetworkSettings = new NetworkSettings { Ports = new Dictionary<string, IList<PortBinding>>() },
    };

    [Fact]
    public void From_StoppedContainer_TakesPortFromConfiguredBindings()
    {
        var info = ContainerInfoMapper.From(Response(running: false));

        Assert.Equal(("abc", "berth-a", "127.0.0.1:5000/hello:v1", false, "exited", 25010), (info.Id, info.Name, info.Image, info.Running, info.Status, info.HostPort));
        Assert.Equal("v", info.Labels["k"]);
    }

    [Fact]
    public void From_ExitedOrRunning_ExitCodeOnlyOnceItExited()
    {
        var exited = Response(running: false);
        exited.State!.ExitCode = 3;
        var running = Response(running: true);

        Assert.Equal((3, null), (ContainerInfoMapper.From(exited).ExitCode, ContainerInfoMapper.From(running).ExitCode));
    }

    [Fact]
    public void From_NoBindings_HasNoPort()
    {
        var response = Response(running: true);
        response.HostConfig = new HostConfig();

        Assert.Null(ContainerInfoMapper.From(response).HostPort);
    }
}
