using Berth.Core.Hosts;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task ReserveInstancesAsync_PlanOverTwoHosts_ReservesAllInOrderAndBumpsEachHostOnce()
    {
        await SeedAppAsync();
        var h1 = await SeedHostAsync(StateTestData.Host("h1"));
        var h2 = await SeedHostAsync(StateTestData.Host("h2"));

        var instances = await Store.ReserveInstancesAsync(
        [
            StateTestData.Reservation("a", h2.Version, "h2"),
            StateTestData.Reservation("b", h1.Version, "h1"),
            StateTestData.Reservation("c", h2.Version, "h2"),
        ], Ct);

        Assert.Equal(["a", "b", "c"], instances.Select(i => i.Id));
        Assert.Equal([("h2", 25000), ("h1", 25000), ("h2", 25001)], instances.Select(i => (i.HostName, i.HostPort)));
        Assert.Equal(h1.Version + 1, (await Store.GetHostAsync("h1", Ct))?.Version);
        Assert.Equal(h2.Version + 1, (await Store.GetHostAsync("h2", Ct))?.Version);
    }

    [Fact]
    public async Task ReserveInstancesAsync_OneHostStale_ReservesNothing()
    {
        await SeedAppAsync();
        var h1 = await SeedHostAsync(StateTestData.Host("h1"));
        var h2 = await SeedHostAsync(StateTestData.Host("h2"));
        await Store.ReserveInstanceAsync(StateTestData.Reservation("x", h2.Version, "h2"), Ct);

        await Assert.ThrowsAsync<StaleHostException>(() => Store.ReserveInstancesAsync(
        [
            StateTestData.Reservation("a", h1.Version, "h1"),
            StateTestData.Reservation("b", h2.Version, "h2"),
        ], Ct));

        Assert.Equal(["x"], (await Store.ListInstancesAsync(null, Ct)).Select(i => i.Id));
        Assert.Equal(h1.Version, (await Store.GetHostAsync("h1", Ct))?.Version);
    }

    [Fact]
    public async Task ReserveInstancesAsync_PlanTogetherOverCapacity_ThrowsAndReservesNothing()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host() with { MemoryMb = 600 });

        await Assert.ThrowsAsync<InsufficientCapacityException>(() => Store.ReserveInstancesAsync(
        [
            StateTestData.Reservation("a", host.Version) with { MemoryMb = 300 },
            StateTestData.Reservation("b", host.Version) with { MemoryMb = 301 },
        ], Ct));

        Assert.Empty(await Store.ListInstancesAsync(null, Ct));
    }

    [Fact]
    public async Task ReserveInstancesAsync_MorePortsThanFree_ThrowsPortRangeExhausted()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host() with { PortRangeEnd = 25002 });
        await Store.ReserveInstanceAsync(StateTestData.Reservation("x", host.Version), Ct);

        await Assert.ThrowsAsync<PortRangeExhaustedException>(() => Store.ReserveInstancesAsync(
            [.. Enumerable.Range(0, 3).Select(i => StateTestData.Reservation($"p{i}", host.Version + 1))], Ct));

        Assert.Single(await Store.ListInstancesAsync(null, Ct));
    }

    [Fact]
    public async Task ReserveInstancesAsync_GapsInTheRange_FillsThemLowestFirst()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        var taken = await Store.ReserveInstancesAsync(
            [.. Enumerable.Range(0, 5).Select(i => StateTestData.Reservation($"t{i}", host.Version))], Ct);
        await Store.ReleaseInstanceAsync(taken[1].Id, Ct);
        await Store.ReleaseInstanceAsync(taken[3].Id, Ct);

        var next = await Store.ReserveInstancesAsync(
            [.. Enumerable.Range(0, 3).Select(i => StateTestData.Reservation($"n{i}", host.Version + 1))], Ct);

        Assert.Equal([25001, 25003, 25005], next.Select(i => i.HostPort));
    }

    [Fact]
    public async Task ReserveInstancesAsync_EmptyPlan_ReturnsEmpty() => Assert.Empty(await Store.ReserveInstancesAsync([], Ct));

    [Fact]
    public async Task CountInstancesAsync_SomeApps_CountsPerHostAndVersion()
    {
        await SeedAppAsync();
        await Store.CreateAppAsync(StateTestData.App("db"), Ct);
        await Store.CreateAppAsync(StateTestData.App("other"), Ct);
        var h1 = await SeedHostAsync(StateTestData.Host("h1"));
        var h2 = await SeedHostAsync(StateTestData.Host("h2"));
        await Store.ReserveInstancesAsync(
        [
            StateTestData.Reservation("a", h1.Version, "h1"),
            StateTestData.Reservation("b", h1.Version, "h1"),
            StateTestData.Reservation("c", h1.Version, "h1") with { Version = "v2" },
            StateTestData.Reservation("d", h2.Version, "h2") with { AppId = "db" },
            StateTestData.Reservation("e", h2.Version, "h2") with { AppId = "other" },
        ], Ct);

        var counts = await Store.CountInstancesAsync(["hello", "db"], Ct);

        Assert.Equal(
            [new HostAppInstances("h1", "hello", "v1", 2), new HostAppInstances("h1", "hello", "v2", 1), new HostAppInstances("h2", "db", "v1", 1)],
            counts.OrderBy(c => c.HostName, StringComparer.Ordinal).ThenBy(c => c.Version, StringComparer.Ordinal));
        Assert.Empty(await Store.CountInstancesAsync([], Ct));
    }

    [Fact]
    public async Task ReleaseInstanceAsync_SameInstanceTwiceAtOnce_TakesItsResourcesOffTheHostOnce()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.ReserveInstancesAsync(
            [StateTestData.Reservation("a", host.Version) with { MemoryMb = 100 }, StateTestData.Reservation("b", host.Version) with { MemoryMb = 200 }], Ct);
        var other = OpenAgain(Clock);
        try
        {
            await Task.WhenAll(Task.Run(() => Store.ReleaseInstanceAsync("a", Ct), Ct), Task.Run(() => other.ReleaseInstanceAsync("a", Ct), Ct));
        }
        finally
        {
            (other as IDisposable)?.Dispose();
        }

        var usage = (await Store.ListHostUsageAsync(Ct)).Single();
        Assert.Equal((200L, 512L, 1), (usage.ReservedMemoryMb, usage.ReservedCpuShares, usage.PortsInUse));
    }

    [Fact]
    public async Task ListHostUsageAsync_Names_ReturnsThoseThatExist()
    {
        await SeedHostAsync(StateTestData.Host("h1"));
        await SeedHostAsync(StateTestData.Host("h2"));
        await SeedHostAsync(StateTestData.Host("h3"));

        var usage = await Store.ListHostUsageAsync(["h3", "h1", "ghost"], Ct);

        Assert.Equal(["h1", "h3"], usage.Select(u => u.Host.Name));
        Assert.Empty(await Store.ListHostUsageAsync([], Ct));
    }
}
