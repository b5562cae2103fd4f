using Berth.Core.Instances;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task UpdateInstanceAsync_ContainerStateAndHealth_RoundTripWithNewUpdateTime()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        var reserved = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        Clock.Now = StateTestData.Epoch.AddSeconds(42);
        var running = reserved with { ContainerId = "4f2a9c", State = InstanceState.Running, Health = InstanceHealth.Healthy };

        await Store.UpdateInstanceAsync(running, Ct);

        Assert.Equal(running with { UpdatedAt = Clock.Now }, await Store.GetInstanceAsync("i1", Ct));
    }

    [Fact]
    public async Task UpdateInstanceAsync_ReleasedInstance_ThrowsKeyNotFound()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        var reserved = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        await Store.ReleaseInstanceAsync("i1", Ct);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.UpdateInstanceAsync(reserved with { State = InstanceState.Running }, Ct));
    }

    [Fact]
    public async Task ListInstancesAsync_AppOrAll_ReturnsTheirsOrEveryInstance()
    {
        await SeedAppAsync();
        await Store.CreateAppAsync(StateTestData.App("other"), Ct);
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        Clock.Now = StateTestData.Epoch.AddSeconds(1);
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i2", host.Version + 1) with { AppId = "other" }, Ct);

        Assert.Equal(["i1", "i2"], (await Store.ListInstancesAsync(null, Ct)).Select(instance => instance.Id));
        Assert.Equal(["i2"], (await Store.ListInstancesAsync("other", Ct)).Select(instance => instance.Id));
    }

    [Fact]
    public async Task ReleaseInstanceAsync_UnknownInstance_DoesNothing() => await Store.ReleaseInstanceAsync("ghost", Ct);
}
