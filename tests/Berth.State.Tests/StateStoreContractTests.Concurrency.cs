using Berth.Core.Instances;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task ReserveInstanceAsync_ParallelPlacersRetryingWhenStale_FillHostExactlyToCapacity()
    {
        const int Callers = 20;
        const int Fits = 10;
        const int MemoryMb = 256;
        await SeedAppAsync();
        await SeedHostAsync(StateTestData.Host() with { MemoryMb = Fits * MemoryMb, CpuShares = 1_000_000, PortRangeEnd = 25099 });
        long mostReservedSeen = 0;

        // Each caller acts like the scheduler: read the snapshot, place against its version, re-read when stale.
        async Task<Instance?> PlaceAsync(int caller)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var usage = (await Store.ListHostUsageAsync(Ct)).Single();
                InterlockedMax(ref mostReservedSeen, usage.ReservedMemoryMb);
                var reservation = StateTestData.Reservation($"i{caller}", usage.Host.Version) with { MemoryMb = MemoryMb };
                try
                {
                    return await Store.ReserveInstanceAsync(reservation, Ct);
                }
                catch (StaleHostException)
                {
                }
                catch (InsufficientCapacityException)
                {
                    return null;
                }
            }
            throw new TimeoutException($"caller {caller} stayed stale for 1000 attempts");
        }

        var results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(() => PlaceAsync(caller), Ct)));

        var placed = results.OfType<Instance>().ToList();
        Assert.Equal(Fits, placed.Count);
        Assert.Equal(Callers - Fits, results.Count(result => result is null));
        Assert.Equal(Fits, placed.Select(instance => instance.HostPort).Distinct().Count());
        var final = (await Store.ListHostUsageAsync(Ct)).Single();
        Assert.Equal(Fits * MemoryMb, final.ReservedMemoryMb);
        Assert.Equal(Fits, final.PortsInUse);
        Assert.True(Interlocked.Read(ref mostReservedSeen) <= final.Host.MemoryMb);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
