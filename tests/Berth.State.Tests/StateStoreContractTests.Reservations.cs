using Berth.Core.Instances;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task ReserveInstanceAsync_EmptyHost_TakesLowestPortAsReserved()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());

        var instance = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);

        var expected = new Instance
        {
            Id = "i1",
            AppId = "hello",
            Version = "v1",
            DeploymentId = "d1",
            HostName = "h1",
            HostIp = "127.0.0.2",
            HostPort = 25000,
            MemoryMb = 256,
            CpuShares = 512,
            State = InstanceState.Reserved,
            Health = InstanceHealth.Unknown,
            CreatedAt = Clock.Now,
            UpdatedAt = Clock.Now,
        };
        Assert.Equal(expected, instance);
        Assert.Equal(expected, await Store.GetInstanceAsync("i1", Ct));
    }

    [Fact]
    public async Task ReserveInstanceAsync_SecondReservation_TakesNextPort()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());

        var first = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        var second = await Store.ReserveInstanceAsync(StateTestData.Reservation("i2", host.Version + 1), Ct);

        Assert.Equal((25000, 25001), (first.HostPort, second.HostPort));
    }

    [Fact]
    public async Task ReserveInstanceAsync_AfterRelease_HandsOutFreedPortAgain()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        var middle = await Store.ReserveInstanceAsync(StateTestData.Reservation("i2", host.Version + 1), Ct);
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i3", host.Version + 2), Ct);

        await Store.ReleaseInstanceAsync(middle.Id, Ct);
        var next = await Store.ReserveInstanceAsync(StateTestData.Reservation("i4", host.Version + 3), Ct);

        Assert.Null(await Store.GetInstanceAsync("i2", Ct));
        Assert.Equal(25001, next.HostPort);
    }

    [Fact]
    public async Task ReserveInstanceAsync_RangeFull_ThrowsPortRangeExhaustedAndInsertsNothing()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host() with { PortRangeStart = 25000, PortRangeEnd = 25001 });
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i2", host.Version + 1), Ct);

        await Assert.ThrowsAsync<PortRangeExhaustedException>(
            () => Store.ReserveInstanceAsync(StateTestData.Reservation("i3", host.Version + 2), Ct));

        Assert.Equal(["i1", "i2"], (await Store.ListInstancesAsync("hello", Ct)).Select(instance => instance.Id));
        Assert.Equal(host.Version + 2, (await Store.GetHostAsync("h1", Ct))?.Version);
    }

    [Fact]
    public async Task ReserveInstanceAsync_MemoryOverCapacity_ThrowsInsufficientCapacityNamingHostAskedAndFree()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host() with { MemoryMb = 1000 });
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version) with { MemoryMb = 700 }, Ct);

        var error = await Assert.ThrowsAsync<InsufficientCapacityException>(
            () => Store.ReserveInstanceAsync(StateTestData.Reservation("i2", host.Version + 1) with { MemoryMb = 400 }, Ct));

        Assert.Contains("h1", error.Message, StringComparison.Ordinal);
        Assert.Contains("300", error.Message, StringComparison.Ordinal);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetInstanceAsync("i2", Ct));
        Assert.Equal(host.Version + 1, (await Store.GetHostAsync("h1", Ct))?.Version);
    }

    [Fact]
    public async Task ReserveInstanceAsync_CpuOverCapacity_ThrowsInsufficientCapacity()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host() with { CpuShares = 1000 });

        var error = await Assert.ThrowsAsync<InsufficientCapacityException>(
            () => Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version) with { CpuShares = 1024 }, Ct));

        Assert.Contains("CPU", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.ListInstancesAsync(null, Ct));
    }

    [Fact]
    public async Task ReserveInstanceAsync_StaleVersion_ThrowsStaleHostAndInsertsNothing()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);

        await Assert.ThrowsAsync<StaleHostException>(() => Store.ReserveInstanceAsync(StateTestData.Reservation("i2", host.Version), Ct));

        Assert.Null(await Store.GetInstanceAsync("i2", Ct));
        Assert.Equal(host.Version + 1, (await Store.GetHostAsync("h1", Ct))?.Version);
    }

    [Fact]
    public async Task ReserveInstanceAsync_EachReservation_BumpsHostVersionByOne()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());

        for (var i = 0; i < 3; i++)
        {
            await Store.ReserveInstanceAsync(StateTestData.Reservation($"i{i}", host.Version + i), Ct);
            Assert.Equal(host.Version + i + 1, (await Store.GetHostAsync("h1", Ct))?.Version);
        }
    }

    [Fact]
    public async Task ReserveInstanceAsync_UnknownHost_ThrowsKeyNotFound()
    {
        await SeedAppAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.ReserveInstanceAsync(StateTestData.Reservation("i1", 0, "ghost"), Ct));
    }

    [Fact]
    public async Task ReserveInstanceAsync_DuplicateInstanceId_ThrowsConflictAndKeepsVersion()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);

        await Assert.ThrowsAsync<ConflictException>(() => Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version + 1), Ct));

        Assert.Equal(host.Version + 1, (await Store.GetHostAsync("h1", Ct))?.Version);
    }
}
