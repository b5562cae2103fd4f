using Berth.Core.Apps;
using Berth.Core.Hosts;
using Berth.Scheduling.Constraints;
using Berth.Scheduling.Placement;

namespace Berth.Scheduling.Tests.Placement;

/// <summary>
/// Randomized hosts and requests from fixed seeds: whatever the mix, no plan over-commits a host, drained or
/// non-matching hosts get nothing, hard spread holds, and a short plan names a reason for every host.
/// </summary>
public sealed class PlacementPropertyTests
{
    private static readonly string[] Strategies = [.. PlacementStrategies.Names];
    private static readonly string[] Zones = ["a", "b", "c"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Plan_RandomClustersAndRequests_NeverExceedsCapacityAndKeepsEveryRule(int seed)
    {
        var random = new Random(seed);
        var scheduler = seed % 2 == 0 ? new Scheduler() : new Scheduler(PlacementStrategies.Default, new Random(seed));
        for (var round = 0; round < 500; round++)
        {
            var snapshot = RandomSnapshot(random);
            var request = RandomRequest(random);
            var global = random.Next(5) == 0;

            var plan = global ? scheduler.PlanGlobal(snapshot, request) : scheduler.Plan(snapshot, request, random.Next(1, 30));

            AssertKeepsTheRules(snapshot, request, plan, global);
        }
    }

    private static void AssertKeepsTheRules(ClusterSnapshot snapshot, PlacementRequest request, PlacementPlan plan, bool global)
    {
        var planned = plan.Placements.GroupBy(p => p.Host.Name).ToDictionary(g => g.Key, g => g.Count());
        foreach (var usage in snapshot.Hosts)
        {
            var host = usage.Host;
            var added = planned.GetValueOrDefault(host.Name);
            Assert.True(usage.ReservedMemoryMb + added * (long)request.MemoryMb <= host.MemoryMb || added == 0, $"memory over-committed on {host.Name}");
            Assert.True(usage.ReservedCpuShares + added * (long)request.CpuShares <= host.CpuShares || added == 0, $"CPU over-committed on {host.Name}");
            Assert.True(usage.PortsInUse + added <= host.PortRangeEnd - host.PortRangeStart + 1 || added == 0, $"ports over-committed on {host.Name}");
            if (added == 0)
            {
                continue;
            }

            Assert.False(host.Drain, $"placed on drained {host.Name}");
            Assert.All(request.Constraints, c => Assert.Null(c.Refuse(host)));
            var sameVersion = snapshot.Count(host.Name, request.AppId, request.Version) + added;
            if (global || request.Spread == SpreadMode.Hard)
            {
                Assert.True(sameVersion == 1, $"{sameVersion} instances of one version on {host.Name}");
            }
        }

        Assert.True(plan.Placements.Count <= plan.Wanted);
        if (!plan.Complete && snapshot.Hosts.Count > 0)
        {
            Assert.NotEmpty(plan.Refusals);
            Assert.All(plan.Refusals, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
            if (!global)
            {
                Assert.Equal(snapshot.Hosts.Select(h => h.Host.Name), plan.Refusals.Select(r => r.Host));
            }
        }
    }

    private static ClusterSnapshot RandomSnapshot(Random random)
    {
        var hosts = new List<HostUsage>();
        var instances = new List<HostAppInstances>();
        for (var i = random.Next(0, 12); i > 0; i--)
        {
            var name = $"h{i}";
            var memory = random.Next(1, 64) * 256L;
            var cpu = random.Next(1, 16) * 1024L;
            var range = random.Next(1, 20);
            var labels = new List<(string, string)>();
            if (random.Next(3) > 0)
            {
                labels.Add(("zone", Zones[random.Next(Zones.Length)]));
            }
            if (random.Next(2) == 0)
            {
                labels.Add(("disk", random.Next(2) == 0 ? "ssd" : "hdd"));
            }

            var existing = random.Next(0, Math.Min(range, 4));
            for (var k = 0; k < existing; k++)
            {
                instances.Add(new HostAppInstances(name, "web", random.Next(2) == 0 ? "v1" : "v0", 1));
            }
            hosts.Add(TestHosts.Usage(
                name, memory, random.NextInt64(0, memory + 1), cpu, random.NextInt64(0, cpu + 1), existing, range, random.Next(6) == 0, [.. labels]));
        }
        return new ClusterSnapshot(hosts, instances);
    }

    private static PlacementRequest RandomRequest(Random random)
    {
        var constraints = new List<LabelConstraint>();
        if (random.Next(3) == 0)
        {
            constraints.Add(ConstraintParser.Parse($"labels.zone in ({Zones[random.Next(3)]}, {Zones[random.Next(3)]})"));
        }
        if (random.Next(4) == 0)
        {
            constraints.Add(ConstraintParser.Parse(random.Next(2) == 0 ? "labels.disk == ssd" : "labels.disk != hdd"));
        }

        return new PlacementRequest("web", random.Next(1, 40) * 64, random.Next(1, 20) * 128)
        {
            Version = "v1",
            Strategy = Strategies[random.Next(Strategies.Length)],
            Constraints = constraints,
            Spread = (SpreadMode)random.Next(3),
        };
    }
}
