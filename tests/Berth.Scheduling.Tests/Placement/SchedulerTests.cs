using Berth.Scheduling.Placement;
using static Berth.Scheduling.Tests.TestHosts;

namespace Berth.Scheduling.Tests.Placement;

public sealed class SchedulerTests
{
    private static readonly PlacementRequest Request = new("app", MemoryMb: 512, CpuShares: 1024);

    [Fact]
    public void PlaceOne_SeveralHosts_PicksMostFreeMemory()
    {
        var result = new Scheduler().PlaceOne([Usage("a", 4096, 3000), Usage("b", 4096, 1000), Usage("c", 2048)], Request);

        Assert.Equal("b", result.Host?.Host.Name);
    }

    [Fact]
    public void PlaceOne_EqualScores_PicksFirstByName()
    {
        var result = new Scheduler().PlaceOne([Usage("b", 4096), Usage("a", 4096)], Request);

        Assert.Equal("a", result.Host?.Host.Name);
    }

    [Fact]
    public void PlaceOne_NotEnoughMemory_RefusesWithReason()
    {
        var result = new Scheduler().PlaceOne([Usage("a", 1024, 800)], Request);

        Assert.False(result.Placed);
        Assert.Contains("a: not enough memory (512 MB asked, 224 MB free)", result.Explain());
    }

    [Fact]
    public void PlaceOne_NotEnoughCpu_RefusesWithReason()
    {
        var result = new Scheduler().PlaceOne([Usage("a", 4096, cpuShares: 2048, reservedCpu: 1536)], Request);

        Assert.Contains("not enough CPU shares", Assert.Single(result.Refusals));
    }

    [Fact]
    public void PlaceOne_PortRangeFull_RefusesWithReason()
    {
        var result = new Scheduler().PlaceOne([Usage("a", 4096, ports: 2, rangeSize: 2)], Request);

        Assert.Contains("no free port in 25000-25001", Assert.Single(result.Refusals));
    }

    [Fact]
    public void PlaceOne_NoHosts_ExplainsThatNoneIsRegistered()
    {
        var result = new Scheduler().PlaceOne([], Request);

        Assert.Equal("no host is registered", result.Explain());
    }

    [Fact]
    public void PlaceOne_OneFeasibleHost_SkipsTheFullOne()
    {
        var result = new Scheduler().PlaceOne([Usage("full", 8192, 8000), Usage("small", 1024)], Request);

        Assert.Equal("small", result.Host?.Host.Name);
        Assert.Single(result.Refusals);
    }
}
