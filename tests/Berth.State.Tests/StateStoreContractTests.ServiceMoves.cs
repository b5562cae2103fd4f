using Berth.Core.Services;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task MoveServiceAsync_ToOtherHost_TakesItsMemoryAndPortGivesOldMemoryBack()
    {
        await SeedAppAsync();
        var h1 = await SeedHostAsync(StateTestData.Host());
        var h2 = await SeedHostAsync(StateTestData.Host("h2") with { AdvertiseIp = "127.0.0.3", PortRangeStart = 26000, PortRangeEnd = 26009 });
        var service = await Services.ReserveServiceAsync(Service("db"), h1.Version, Ct);
        service = service with { ContainerId = "c1", State = ServiceState.Moving };

        await Assert.ThrowsAsync<StaleHostException>(() => Services.MoveServiceAsync(service, "h2", h2.Version + 5, Ct));
        var moved = await Services.MoveServiceAsync(service, "h2", h2.Version, Ct);

        Assert.Equal(("h2", "127.0.0.3", 26000, (string?)null, ServiceState.Moving), (moved.HostName, moved.HostIp, moved.HostPort, moved.ContainerId, moved.State));
        Assert.Equal(moved, await Services.GetServiceAsync("db", Ct));
        var usage = (await Store.ListHostUsageAsync(Ct)).ToDictionary(u => u.Host.Name, u => u.ReservedMemoryMb);
        Assert.Equal(0, usage["h1"]);
        Assert.Equal(256, usage["h2"]);
    }

    [Fact]
    public async Task MoveServiceToFreePortAsync_PortBlocked_TakesLowestFreePortSameHostAndState()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        var service = await Services.ReserveServiceAsync(Service("db"), host.Version, Ct);
        await Services.UpdateServiceAsync(service with { ContainerId = "c1", State = ServiceState.Unhealthy }, Ct);
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version + 1), Ct);
        await ((IBlockedPortStore)Store).BlockPortAsync(new(host.Name, 25000, Clock.Now.AddMinutes(10), "address already in use"), Ct);
        await ((IBlockedPortStore)Store).BlockPortAsync(new(host.Name, 25002, Clock.Now.AddMinutes(10), "address already in use"), Ct);

        var moved = await Services.MoveServiceToFreePortAsync("db", Ct);

        Assert.Equal(("h1", 25003, (string?)null, ServiceState.Unhealthy), (moved.HostName, moved.HostPort, moved.ContainerId, moved.State));
        Assert.Equal(moved, await Services.GetServiceAsync("db", Ct));
        Assert.Equal(256 + StateTestData.Reservation("i1", 0).MemoryMb, Assert.Single(await Store.ListHostUsageAsync(Ct)).ReservedMemoryMb);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Services.MoveServiceToFreePortAsync("gone", Ct));
    }
}
