namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task UpsertHostAsync_NewHost_GetReturnsIt()
    {
        var host = StateTestData.Host();

        await Store.UpsertHostAsync(host, Ct);

        AssertSameHost(host, await Store.GetHostAsync("h1", Ct));
        Assert.Null(await Store.GetHostAsync("h2", Ct));
    }

    [Fact]
    public async Task UpsertHostAsync_ExistingHost_UpdatesAllButVersion()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        var changed = StateTestData.Host() with
        {
            Engine = "tcp://10.0.0.5:2375",
            AdvertiseIp = "10.0.0.5",
            PortRangeStart = 26000,
            PortRangeEnd = 26099,
            MemoryMb = 8192,
            CpuShares = 2048,
            Labels = new Dictionary<string, string> { ["zone"] = "b", ["ssd"] = "true" },
            Version = 0,
        };

        await Store.UpsertHostAsync(changed, Ct);

        AssertSameHost(changed with { Version = host.Version + 1 }, await Store.GetHostAsync("h1", Ct));
    }

    [Fact]
    public async Task ListHostUsageAsync_InstancesOnSomeHosts_SumsPerHost()
    {
        await SeedAppAsync();
        var h1 = await SeedHostAsync(StateTestData.Host("h1"));
        await SeedHostAsync(StateTestData.Host("h2"));
        var first = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", h1.Version) with { MemoryMb = 100, CpuShares = 10 }, Ct);
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i2", h1.Version + 1) with { MemoryMb = 200, CpuShares = 20 }, Ct);

        var usage = await Store.ListHostUsageAsync(Ct);

        Assert.Equal(["h1", "h2"], usage.Select(u => u.Host.Name));
        Assert.Equal((300L, 30L, 2), (usage[0].ReservedMemoryMb, usage[0].ReservedCpuShares, usage[0].PortsInUse));
        Assert.Equal(h1.Version + 2, usage[0].Host.Version);
        Assert.Equal(StateTestData.Host().Labels, usage[0].Host.Labels);
        Assert.Equal((0L, 0L, 0), (usage[1].ReservedMemoryMb, usage[1].ReservedCpuShares, usage[1].PortsInUse));

        await Store.ReleaseInstanceAsync(first.Id, Ct);

        var afterRelease = (await Store.ListHostUsageAsync(Ct))[0];
        Assert.Equal((200L, 20L, 1), (afterRelease.ReservedMemoryMb, afterRelease.ReservedCpuShares, afterRelease.PortsInUse));
    }
}
