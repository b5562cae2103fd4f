using Berth.Scheduling.Placement;
using static Berth.Scheduling.Tests.TestHosts;

namespace Berth.Scheduling.Tests.Placement;

/// <summary>One instance at a time: the default strategy and each resource refusal.</summary>
public sealed class SchedulerTests
{
    private static readonly PlacementRequest Request = new("app", MemoryMb: 512, CpuShares: 1024);

    private static PlacementPlan PlaceOne(params Core.Hosts.HostUsage[] hosts) => new Scheduler().Plan(new ClusterSnapshot(hosts, []), Request, 1);

    [Fact]
    public void Plan_SeveralHosts_PicksMostFreeMemory() =>
        Assert.Equal("b", PlaceOne(Usage("a", 4096, 3000), Usage("b", 4096, 1000), Usage("c", 2048)).Placements[0].Host.Name);

    [Fact]
    public void Plan_EqualScores_PicksFirstByName() =>
        Assert.Equal("a", PlaceOne(Usage("b", 4096), Usage("a", 4096)).Placements[0].Host.Name);

    [Fact]
    public void Plan_NotEnoughMemory_RefusesWithReason()
    {
        var plan = PlaceOne(Usage("a", 1024, 800));

        Assert.False(plan.Complete);
        Assert.Contains("a: not enough memory (512 MB asked, 224 MB free)", plan.Explain());
    }

    [Fact]
    public void Plan_NotEnoughCpu_RefusesWithReason() =>
        Assert.Contains("not enough CPU shares", Assert.Single(PlaceOne(Usage("a", 4096, cpuShares: 2048, reservedCpu: 1536)).Refusals).Reason);

    [Fact]
    public void Plan_PortRangeFull_RefusesWithReason() =>
        Assert.Contains("no free port in 25000-25001", Assert.Single(PlaceOne(Usage("a", 4096, ports: 2, rangeSize: 2)).Refusals).Reason);

    [Fact]
    public void Plan_OneFeasibleHost_SkipsTheFullOne()
    {
        var plan = PlaceOne(Usage("full", 8192, 8000), Usage("small", 1024));

        Assert.Equal("small", Assert.Single(plan.Placements).Host.Name);
        Assert.Empty(plan.Refusals);
    }
}
