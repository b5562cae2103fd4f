using Berth.Core.Apps;
using Berth.Core.Hosts;
using Berth.Scheduling.Constraints;
using Berth.Scheduling.Placement;
using static Berth.Scheduling.Tests.TestHosts;

namespace Berth.Scheduling.Tests.Placement;

public sealed class PlanTests
{
    private static readonly PlacementRequest Request = new("web", MemoryMb: 512, CpuShares: 1024) { Version = "v1" };

    private static ClusterSnapshot Snapshot(params HostUsage[] hosts) => new(hosts, []);

    private static ClusterSnapshot Snapshot(HostUsage[] hosts, params HostAppInstances[] instances) => new(hosts, instances);

    private static string[] HostsOf(PlacementPlan plan) => [.. plan.Placements.Select(p => p.Host.Name)];

    [Fact]
    public void Plan_SpreadStrategy_AlternatesAsFreeMemoryEvensOut()
    {
        var plan = new Scheduler().Plan(Snapshot(Usage("a", 4096), Usage("b", 3584)), Request, 3);

        Assert.Equal(["a", "a", "b"], HostsOf(plan));
    }

    [Fact]
    public void Plan_IdleCpuStrategy_PicksMostUnreservedShares()
    {
        var request = Request with { Strategy = PlacementStrategies.IdleCpu };

        var plan = new Scheduler().Plan(Snapshot(Usage("a", 8192, cpuShares: 2048), Usage("b", 1024, cpuShares: 8192)), request, 1);

        Assert.Equal(["b"], HostsOf(plan));
    }

    [Fact]
    public void Plan_Binpack_FillsTheFullestHostThatFitsFirst()
    {
        var request = Request with { Strategy = PlacementStrategies.Binpack };
        var hosts = Snapshot(Usage("empty", 4096), Usage("half", 4096, reservedMb: 2048), Usage("full", 4096, reservedMb: 3800));

        var plan = new Scheduler().Plan(hosts, request, 5);

        Assert.Equal(["half", "half", "half", "half", "empty"], HostsOf(plan));
    }

    [Fact]
    public void Plan_DefaultStrategyConfigured_UsedWhenRequestNamesNone()
    {
        var scheduler = new Scheduler(PlacementStrategies.Find(PlacementStrategies.Binpack)!);

        var plan = scheduler.Plan(Snapshot(Usage("big", 8192), Usage("small", 1024)), Request, 1);

        Assert.Equal(["small"], HostsOf(plan));
        Assert.Equal(PlacementStrategies.Binpack, scheduler.DefaultStrategy.Name);
    }

    [Fact]
    public void Plan_UnknownStrategy_Throws() =>
        Assert.Throws<ArgumentException>(() => new Scheduler().Plan(Snapshot(Usage("a")), Request with { Strategy = "random" }, 1));

    [Fact]
    public void Plan_InstancesAddUp_StopsWhenTheNextNoLongerFitsAndExplainsPerHost()
    {
        var plan = new Scheduler().Plan(Snapshot(Usage("a", 1200), Usage("b", 600)), Request, 4);

        Assert.False(plan.Complete);
        Assert.Equal(["a", "a", "b"], HostsOf(plan));
        Assert.Equal(
            "only 3 of 4 instance(s) of web fit; no host can take another: a: not enough memory (512 MB asked, 176 MB free); b: not enough memory (512 MB asked, 88 MB free)",
            plan.Explain());
    }

    [Fact]
    public void Plan_CpuAndPortsAddUp_RefuseWithTheirReasons()
    {
        var plan = new Scheduler().Plan(Snapshot(Usage("cpu", cpuShares: 2048), Usage("ports", rangeSize: 1)), Request, 4);

        Assert.Equal(3, plan.Placements.Count);
        Assert.Equal(
            [new HostRefusal("cpu", "not enough CPU shares (1024 asked, 0 free)"), new HostRefusal("ports", "no free port in 25000-25000")],
            plan.Refusals);
    }

    [Fact]
    public void Plan_DrainedHost_GetsNothingAndSaysDraining()
    {
        var plan = new Scheduler().Plan(Snapshot(Usage("old", 8192, drain: true), Usage("new", 1024)), Request, 3);

        Assert.Equal(["new", "new"], HostsOf(plan));
        Assert.Contains(new HostRefusal("old", "draining"), plan.Refusals);
    }

    [Fact]
    public void Plan_Constraints_OnlyHostsKeepingAllOfThem()
    {
        var request = Request with { Constraints = ConstraintParser.ParseAll(["labels.disk == ssd", "labels.zone in (a, b)", "!labels.retired"]) };
        var hosts = Snapshot(
            Usage("hdd", labels: [("disk", "hdd"), ("zone", "a")]),
            Usage("nodisk", labels: [("zone", "a")]),
            Usage("zonec", labels: [("disk", "ssd"), ("zone", "c")]),
            Usage("retired", labels: [("disk", "ssd"), ("zone", "a"), ("retired", "yes")]),
            Usage("good", 1024, labels: [("disk", "ssd"), ("zone", "b")]));

        var plan = new Scheduler().Plan(hosts, request, 3);

        Assert.Equal(["good", "good"], HostsOf(plan));
        Assert.Equal(
            "only 2 of 3 instance(s) of web fit; no host can take another: " +
            "hdd: label disk is 'hdd' (labels.disk == ssd); nodisk: has no label disk (labels.disk == ssd); " +
            "zonec: label zone is 'c' (labels.zone in (a, b)); retired: has label retired (!labels.retired); " +
            "good: not enough memory (512 MB asked, 0 MB free)",
            plan.Explain());
    }

    [Fact]
    public void Plan_NoHostHasTheLabel_EveryHostSaysWhy()
    {
        var request = Request with { Constraints = [ConstraintParser.Parse("labels.gpu")] };

        var plan = new Scheduler().Plan(Snapshot(Usage("a"), Usage("b")), request, 1);

        Assert.Equal("no host can take an instance of web: a: has no label gpu (labels.gpu); b: has no label gpu (labels.gpu)", plan.Explain());
    }

    [Fact]
    public void Plan_AffinityWithOtherApp_OnlyOnItsHosts()
    {
        var request = Request with { AffinityWith = "db" };
        var hosts = new[] { Usage("a", 8192), Usage("b"), Usage("c") };

        var plan = new Scheduler().Plan(Snapshot(hosts, new HostAppInstances("b", "db", "v9", 1), new HostAppInstances("c", "db", "v3", 2)), request, 3);

        Assert.Equal(["b", "c", "b"], HostsOf(plan));
        var none = new Scheduler().Plan(Snapshot(hosts), request, 1);
        Assert.Contains(new HostRefusal("a", "runs no instance of db (affinity)"), none.Refusals);
    }

    [Fact]
    public void Plan_PinnedToAHost_OnlyThereAndTheOthersSayWhy()
    {
        var request = Request with { Host = "b" };

        var plan = new Scheduler().Plan(Snapshot(Usage("a", 8192), Usage("b"), Usage("c", 8192)), request, 2);
        var full = new Scheduler().Plan(Snapshot(Usage("a"), Usage("b", 512)), request, 2);

        Assert.Equal(["b", "b"], HostsOf(plan));
        Assert.Equal(["b"], HostsOf(full));
        Assert.Contains(new HostRefusal("a", "not b, the host of the instance's group"), full.Refusals);
    }

    [Fact]
    public void Plan_HardSpread_OneInstancePerHostThenAClearFailure()
    {
        var request = Request with { Spread = SpreadMode.Hard };

        var plan = new Scheduler().Plan(Snapshot(Usage("a", 8192), Usage("b"), Usage("c")), request, 4);

        Assert.Equal(["a", "b", "c"], HostsOf(plan));
        Assert.All(plan.Refusals, r => Assert.Equal("already runs an instance of web v1 (spread: host, hard)", r.Reason));
    }

    [Fact]
    public void Plan_HardSpread_CountsRunningInstancesOfTheSameVersionOnly()
    {
        var request = Request with { Spread = SpreadMode.Hard };
        var hosts = new[] { Usage("a", 8192), Usage("b"), Usage("c") };

        var plan = new Scheduler().Plan(
            Snapshot(hosts, new HostAppInstances("a", "web", "v1", 1), new HostAppInstances("b", "web", "v0", 1)), request, 2);

        Assert.Equal(["b", "c"], HostsOf(plan));
    }

    [Fact]
    public void Plan_SoftSpread_PrefersEmptierHostsAndDoublesUpOnlyWhenNeeded()
    {
        var request = Request with { Spread = SpreadMode.Soft };
        var hosts = new[] { Usage("big", 16384), Usage("b"), Usage("c") };

        var plan = new Scheduler().Plan(Snapshot(hosts, new HostAppInstances("b", "web", "v1", 1)), request, 4);

        Assert.Equal(["big", "c", "big", "b"], HostsOf(plan));
        Assert.True(plan.Complete);
    }

    [Fact]
    public void Plan_NoSpread_PilesOntoTheRoomiestHost()
    {
        var plan = new Scheduler().Plan(Snapshot(Usage("big", 16384), Usage("b")), Request, 3);

        Assert.Equal(["big", "big", "big"], HostsOf(plan));
    }

    [Fact]
    public void Plan_Placement_CarriesTheHostVersionRead()
    {
        var plan = new Scheduler().Plan(Snapshot(Usage("a")), Request, 1);

        Assert.Equal(7, plan.Placements[0].Host.Version);
    }

    [Fact]
    public void Plan_NoHosts_ExplainsThatNoneIsRegistered() =>
        Assert.Equal("no host is registered", new Scheduler().Plan(Snapshot(), Request, 1).Explain());

    [Fact]
    public void PlanGlobal_EveryEligibleHostWithoutOne_GetsOne()
    {
        var request = Request with { Constraints = [ConstraintParser.Parse("labels.pool == web")] };
        var hosts = new[]
        {
            Usage("a", labels: [("pool", "web")]),
            Usage("b", labels: [("pool", "web")]),
            Usage("c", labels: [("pool", "db")]),
            Usage("d", drain: true, labels: [("pool", "web")]),
        };

        var plan = new Scheduler().PlanGlobal(Snapshot(hosts, new HostAppInstances("b", "web", "v1", 1)), request);

        Assert.True(plan.Complete);
        Assert.Equal(["a"], HostsOf(plan));
        Assert.Equal([new HostRefusal("c", "label pool is 'db' (labels.pool == web)"), new HostRefusal("d", "draining")], plan.Ineligible);
    }

    [Fact]
    public void PlanGlobal_EligibleHostWithoutRoom_IsARefusal()
    {
        var plan = new Scheduler().PlanGlobal(Snapshot(Usage("a"), Usage("tiny", 100)), Request);

        Assert.False(plan.Complete);
        Assert.Equal(["a"], HostsOf(plan));
        Assert.Equal("only 1 of 2 instance(s) of web fit; no host can take another: tiny: not enough memory (512 MB asked, 100 MB free)", plan.Explain());
    }

    [Fact]
    public void PlanGlobal_NoEligibleHost_FailsSayingWhyForEach()
    {
        var plan = new Scheduler().PlanGlobal(Snapshot(Usage("a", drain: true), Usage("b", drain: true)), Request);

        Assert.False(plan.Complete);
        Assert.Equal("no host can take an instance of web: a: draining; b: draining", plan.Explain());
    }

    [Fact]
    public void PlanGlobal_EveryHostServed_IsCompleteWithNothingToDo()
    {
        var hosts = new[] { Usage("a"), Usage("b") };

        var plan = new Scheduler().PlanGlobal(
            Snapshot(hosts, new HostAppInstances("a", "web", "v1", 1), new HostAppInstances("b", "web", "v1", 1)), Request);

        Assert.True(plan.Complete);
        Assert.Empty(plan.Placements);
    }

    [Fact]
    public void Ineligible_DrainedAndNonMatchingHosts_ListedWithReasons()
    {
        var request = Request with { Constraints = [ConstraintParser.Parse("labels.disk == ssd")] };
        var hosts = Snapshot(Usage("ok", labels: [("disk", "ssd")]), Usage("hdd", labels: [("disk", "hdd")]), Usage("drained", drain: true, labels: [("disk", "ssd")]));

        var ineligible = new Scheduler().Ineligible(hosts, request);

        Assert.Equal([new HostRefusal("hdd", "label disk is 'hdd' (labels.disk == ssd)"), new HostRefusal("drained", "draining")], ineligible);
    }

    [Fact]
    public void Plan_RandomTies_SpreadsSchedulersOverEquallyGoodHosts()
    {
        var scheduler = new Scheduler(PlacementStrategies.Default, new Random(42));
        var hosts = Snapshot([.. Enumerable.Range(0, 10).Select(i => Usage($"h{i}"))]);

        var chosen = Enumerable.Range(0, 500).Select(_ => HostsOf(scheduler.Plan(hosts, Request, 1))[0]).ToList();

        Assert.Equal(10, chosen.Distinct().Count());
        Assert.All(chosen.GroupBy(h => h), g => Assert.InRange(g.Count(), 20, 80));
    }

    [Fact]
    public void Plan_RandomTies_NeverPicksAWorseHost()
    {
        var scheduler = new Scheduler(PlacementStrategies.Default, new Random(7));
        var hosts = Snapshot(Usage("small", 2048), Usage("big1", 8192), Usage("big2", 8192));

        var chosen = Enumerable.Range(0, 100).Select(_ => HostsOf(scheduler.Plan(hosts, Request, 1))[0]).ToHashSet();

        Assert.Equal(["big1", "big2"], chosen.Order());
    }
}
