using Docker.DotNet.Models;

namespace Berth.Runtime.Docker.Tests;

public sealed class EngineEventsTests
{
    [Fact]
    public void From_ContainerDie_MapsIdActionAttributesAndTime()
    {
        var containerEvent = EngineEvents.From(new Message
        {
            Type = "container",
            Action = "die",
            Actor = new Actor { ID = "abc", Attributes = new Dictionary<string, string> { ["exitCode"] = "137", ["berth.app"] = "hello" } },
            TimeNano = 1_764_000_000_123_456_789,
        });

        Assert.NotNull(containerEvent);
        Assert.Equal(("abc", "die", 137, "hello"), (containerEvent.ContainerId, containerEvent.Action, containerEvent.ExitCode, containerEvent.Attributes["berth.app"]));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_764_000_000).AddTicks(1_234_567), containerEvent.Time);
    }

    [Fact]
    public void From_ActionWithDetail_KeepsTheActionOnly() =>
        Assert.Equal("exec_start", EngineEvents.From(new Message { Type = "container", Action = "exec_start: sh -c ls", Actor = new Actor { ID = "abc" } })?.Action);

    [Fact]
    public void From_NetworkEvent_IsIgnored() =>
        Assert.Null(EngineEvents.From(new Message { Type = "network", Action = "connect", Actor = new Actor { ID = "n1" } }));
}
