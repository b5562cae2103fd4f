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
}
