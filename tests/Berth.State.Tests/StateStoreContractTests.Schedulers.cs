using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Scheduling.Placement;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task Placer_EightSchedulersFiftyDeploysEach_NeverOverCommitNorShareAPortAndExplainEveryRefusal()
    {
        const int Schedulers = 8;
        const int DeploysEach = 50;
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        string[] apps = ["web", "api", "worker"];
        foreach (var app in apps)
        {
            await Store.CreateAppAsync(StateTestData.App(app), Ct);
        }
        foreach (var (name, memory) in new[] { ("h1", 4096L), ("h2", 6144L), ("h3", 3072L) })
        {
            await Store.UpsertHostAsync(StateTestData.Host(name) with { MemoryMb = memory, CpuShares = 1_000_000, PortRangeEnd = 25999 }, Ct);
        }

        // Each scheduler has its own store, as another control-plane process would, and keeps placing, often
        // releasing what it placed so capacity churns at the limit while the others place. Refusals come from fresh
        // reads even for placers that reuse theirs, so every one names all three hosts.
        async Task<(int Placed, int Refused, int Conflicts, List<string> BadRefusals)> RunAsync(int scheduler)
        {
            var random = new Random(scheduler);
            var store = OpenAgain(Clock);
            try
            {
                // Half plan on fresh reads, half on their own last read patched with their commits.
                var placer = new Placer(store, new Scheduler(PlacementStrategies.Default, new Random(scheduler)))
                {
                    SnapshotReuse = scheduler % 2 == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(10),
                };
                var (placed, refused, conflicts, bad) = (0, 0, 0, new List<string>());
                for (var deploy = 0; deploy < DeploysEach; deploy++)
                {
                    var request = new PlacementRequest(apps[random.Next(apps.Length)], random.Next(1, 5) * 128, 100)
                    {
                        Version = "v1",
                        Spread = (SpreadMode)random.Next(3),
                        Strategy = PlacementStrategies.Names.ElementAt(random.Next(3)),
                    };
                    var outcome = await placer.PlaceAsync(request, random.Next(1, 4), "d1", Ct);
                    conflicts += outcome.Conflicts;
                    if (outcome.Placed)
                    {
                        placed += outcome.Instances.Count;
                        if (random.Next(3) > 0)
                        {
                            foreach (var instance in outcome.Instances)
                            {
                                await store.ReleaseInstanceAsync(instance.Id, Ct);
                            }
                            placed -= outcome.Instances.Count;
                        }
                        continue;
                    }

                    refused++;
                    var named = outcome.Plan.Refusals.Select(r => r.Host).ToHashSet();
                    if (!named.SetEquals(["h1", "h2", "h3"]) || outcome.Plan.Refusals.Any(r => string.IsNullOrWhiteSpace(r.Reason)))
                    {
                        bad.Add(outcome.Plan.Explain());
                    }
                }
                return (placed, refused, conflicts, bad);
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }

        var results = await Task.WhenAll(Enumerable.Range(0, Schedulers).Select(s => Task.Run(() => RunAsync(s), Ct)));

        var instances = await Store.ListInstancesAsync(null, Ct);
        Assert.Equal(results.Sum(r => r.Placed), instances.Count);
        Assert.True(results.Sum(r => r.Refused) > 0, "the hosts never filled up: the test proves nothing");
        Assert.All(results, r => Assert.Empty(r.BadRefusals));
        Assert.Equal(instances.Count, instances.Select(i => (i.HostName, i.HostPort)).Distinct().Count());
        foreach (var usage in await Store.ListHostUsageAsync(Ct))
        {
            Assert.True(usage.ReservedMemoryMb <= usage.Host.MemoryMb, $"{usage.Host.Name}: {usage.ReservedMemoryMb} MB reserved of {usage.Host.MemoryMb}");
            Assert.Equal(instances.Where(i => i.HostName == usage.Host.Name).Sum(i => (long)i.MemoryMb), usage.ReservedMemoryMb);
        }
        TestContext.Current.SendDiagnosticMessage(
            $"{GetType().Name}: {instances.Count} instances kept, {results.Sum(r => r.Refused)} deploys refused, {results.Sum(r => r.Conflicts)} stale commits retried");
    }
}
