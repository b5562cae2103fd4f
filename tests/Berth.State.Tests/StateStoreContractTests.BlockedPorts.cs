using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private IBlockedPortStore BlockedPorts => (IBlockedPortStore)Store;

    private static BlockedPort Block(int port, DateTimeOffset until, string host = "h1") =>
        new(host, port, until, $"listen tcp4 127.0.0.2:{port}: bind: address already in use");

    [Fact]
    public async Task BlockPortAsync_BlockedPort_IsSkippedByReservationsAndCountedUntilUnblocked()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        var block = Block(25000, Clock.Now.AddMinutes(10));

        await BlockedPorts.BlockPortAsync(block, Ct);
        var first = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);

        Assert.Equal(25001, first.HostPort);
        Assert.Equal([block], await BlockedPorts.ListBlockedPortsAsync(Ct));
        var usage = Assert.Single(await Store.ListHostUsageAsync(Ct));
        Assert.Equal((1, 1, 8), (usage.PortsInUse, usage.PortsBlocked, usage.FreePorts));

        Assert.True(await BlockedPorts.UnblockPortAsync("h1", 25000, Ct));
        Assert.False(await BlockedPorts.UnblockPortAsync("h1", 25000, Ct));
        var second = await Store.ReserveInstanceAsync(StateTestData.Reservation("i2", host.Version + 1), Ct);

        Assert.Equal(25000, second.HostPort);
        Assert.Empty(await BlockedPorts.ListBlockedPortsAsync(Ct));
    }

    [Fact]
    public async Task ListHeldPortsAsync_ReservedInstances_NamesTheirPortsOnThatHostOnly()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await SeedHostAsync(StateTestData.Host("h2"));
        await BlockedPorts.BlockPortAsync(Block(25000, Clock.Now.AddMinutes(10)), Ct);

        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i2", host.Version + 1), Ct);

        Assert.Equal([25001, 25002], (await BlockedPorts.ListHeldPortsAsync("h1", Ct)).Order());
        Assert.Empty(await BlockedPorts.ListHeldPortsAsync("h2", Ct));
    }

    [Fact]
    public async Task BlockPortAsync_BlockEnded_PortIsHandedOutAgain()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await BlockedPorts.BlockPortAsync(Block(25000, Clock.Now.AddMinutes(10)), Ct);

        Clock.Now = Clock.Now.AddMinutes(10);
        var instance = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);

        Assert.Equal(25000, instance.HostPort);
        Assert.Empty(await BlockedPorts.ListBlockedPortsAsync(Ct));
        Assert.Equal(0, Assert.Single(await Store.ListHostUsageAsync(["h1"], Ct)).PortsBlocked);
        Assert.False(await BlockedPorts.UnblockPortAsync("h1", 25000, Ct));
    }

    [Fact]
    public async Task BlockPortAsync_BlockedAgain_KeepsTheLatestBlock()
    {
        await SeedHostAsync(StateTestData.Host());
        await BlockedPorts.BlockPortAsync(Block(25003, Clock.Now.AddMinutes(1)), Ct);
        var later = Block(25003, Clock.Now.AddMinutes(20)) with { Reason = "port is already allocated" };

        await BlockedPorts.BlockPortAsync(later, Ct);

        Assert.Equal([later], await BlockedPorts.ListBlockedPortsAsync(Ct));
    }

    [Fact]
    public async Task BlockPortAsync_UnknownHost_ThrowsKeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => BlockedPorts.BlockPortAsync(Block(25000, Clock.Now.AddMinutes(1), "nowhere"), Ct));

    [Fact]
    public async Task DeleteHostAsync_HostWithBlockedPorts_TakesItsBlocksAlong()
    {
        await SeedHostAsync(StateTestData.Host());
        await BlockedPorts.BlockPortAsync(Block(25000, Clock.Now.AddMinutes(10)), Ct);

        await Store.DeleteHostAsync("h1", Ct);

        Assert.Empty(await BlockedPorts.ListBlockedPortsAsync(Ct));
    }

    [Fact]
    public async Task MoveToFreePortAsync_PortBlocked_TakesLowestFreePortAndForgetsTheContainer()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        var instance = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i2", host.Version + 1), Ct);
        await Store.UpdateInstanceAsync(instance with { ContainerId = "c1", State = InstanceState.Starting }, Ct);
        await BlockedPorts.BlockPortAsync(Block(25000, Clock.Now.AddMinutes(10)), Ct);
        await BlockedPorts.BlockPortAsync(Block(25002, Clock.Now.AddMinutes(10)), Ct);
        Clock.Now = Clock.Now.AddSeconds(1);

        var moved = await BlockedPorts.MoveToFreePortAsync("i1", Ct);

        Assert.Equal(instance with { HostPort = 25003, UpdatedAt = Clock.Now }, moved);
        Assert.Equal(moved, await Store.GetInstanceAsync("i1", Ct));
        Assert.Equal(host.Version + 2, (await Store.GetHostAsync("h1", Ct))?.Version);
    }

    [Fact]
    public async Task MoveToFreePortAsync_NoOtherPortFree_ThrowsPortRangeExhaustedAndKeepsThePort()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host() with { PortRangeStart = 25000, PortRangeEnd = 25001 });
        var instance = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        await BlockedPorts.BlockPortAsync(Block(25000, Clock.Now.AddMinutes(10)), Ct);
        await BlockedPorts.BlockPortAsync(Block(25001, Clock.Now.AddMinutes(10)), Ct);

        await Assert.ThrowsAsync<PortRangeExhaustedException>(() => BlockedPorts.MoveToFreePortAsync("i1", Ct));

        Assert.Equal(instance, await Store.GetInstanceAsync("i1", Ct));
    }

    [Fact]
    public async Task MoveToFreePortAsync_UnknownInstance_ThrowsKeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => BlockedPorts.MoveToFreePortAsync("nobody", Ct));
}
