using Berth.Core.Services;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private IServiceStore Services => (IServiceStore)Store;

    private static ManagedService Service(string id, int memoryMb = 256, string tenant = "acme") => new()
    {
        Id = id,
        Tenant = tenant,
        Type = ServiceType.Postgres,
        Version = "15",
        MemoryMb = memoryMb,
        StorageGb = 1,
        HostName = "h1",
        HostIp = "",
        State = ServiceState.Creating,
        SealedAdminPassword = "aesgcm:v1:sealed",
    };

    [Fact]
    public async Task ReserveServiceAsync_FreeHost_TakesLowestPortAndMemoryThatInstancesThenSkip()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());

        var service = await Services.ReserveServiceAsync(Service("db"), host.Version, Ct);
        var instance = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version + 1), Ct);

        Assert.Equal((25000, host.AdvertiseIp), (service.HostPort, service.HostIp));
        Assert.Equal(25001, instance.HostPort);
        var usage = Assert.Single(await Store.ListHostUsageAsync(Ct));
        Assert.Equal(256 + instance.MemoryMb, usage.ReservedMemoryMb);
        Assert.Equal(service, await Services.GetServiceAsync("db", Ct));
    }

    [Fact]
    public async Task ReserveServiceAsync_StaleVersionOrTakenName_Refused()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Services.ReserveServiceAsync(Service("db"), host.Version, Ct);

        await Assert.ThrowsAsync<StaleHostException>(() => Services.ReserveServiceAsync(Service("db2"), host.Version, Ct));
        await Assert.ThrowsAsync<ConflictException>(() => Services.ReserveServiceAsync(Service("db"), host.Version + 1, Ct));
        await Assert.ThrowsAsync<InsufficientCapacityException>(() => Services.ReserveServiceAsync(Service("big", memoryMb: 1_000_000), host.Version + 1, Ct));
        Assert.Single(await Services.ListServicesAsync(null, Ct));
    }

    [Fact]
    public async Task DeleteServiceAsync_Reserved_GivesMemoryAndPortBack()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        var service = await Services.ReserveServiceAsync(Service("db"), host.Version, Ct);
        await Services.UpdateServiceAsync(service with { ContainerId = "c1", State = ServiceState.Running }, Ct);

        Assert.Equal(ServiceState.Running, (await Services.GetServiceAsync("db", Ct))?.State);
        Assert.True(await Services.DeleteServiceAsync("db", Ct));
        Assert.False(await Services.DeleteServiceAsync("db", Ct));

        var usage = Assert.Single(await Store.ListHostUsageAsync(Ct));
        Assert.Equal(0, usage.ReservedMemoryMb);
        var again = await Services.ReserveServiceAsync(Service("db"), host.Version + 1, Ct);
        Assert.Equal(25000, again.HostPort);
    }

    [Fact]
    public async Task ListServicesAsync_ByTenant_OnlyThatTenantsByName()
    {
        await SeedAppAsync();
        await Store.CreateTenantAsync(StateTestData.Tenant("other"), Ct);
        var host = await SeedHostAsync(StateTestData.Host());
        await Services.ReserveServiceAsync(Service("b"), host.Version, Ct);
        await Services.ReserveServiceAsync(Service("a"), host.Version + 1, Ct);
        await Services.ReserveServiceAsync(Service("z", tenant: "other"), host.Version + 2, Ct);

        Assert.Equal(["a", "b"], (await Services.ListServicesAsync("acme", Ct)).Select(s => s.Id));
        Assert.Equal(["a", "b", "z"], (await Services.ListServicesAsync(null, Ct)).Select(s => s.Id));
    }
}
