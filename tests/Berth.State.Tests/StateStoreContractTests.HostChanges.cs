using Berth.Core.Apps;
using Berth.Core.Hosts;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task CreateHostAsync_WithTlsAndDrain_GetRoundTripsIt()
    {
        var host = StateTestData.Host() with
        {
            Engine = "tcp://10.0.0.5:2376",
            Tls = new EngineTls("/etc/berth/ca.pem", "/etc/berth/cert.pem", "/etc/berth/key.pem"),
            Drain = true,
        };

        await Store.CreateHostAsync(host, Ct);

        AssertSameHost(host, await Store.GetHostAsync("h1", Ct));
    }

    [Fact]
    public async Task CreateHostAsync_NameTaken_ThrowsConflict()
    {
        await Store.CreateHostAsync(StateTestData.Host(), Ct);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Store.CreateHostAsync(StateTestData.Host() with { AdvertiseIp = "10.0.0.9" }, Ct));

        Assert.Equal("host 'h1' already exists", error.Message);
        Assert.Equal("127.0.0.2", (await Store.GetHostAsync("h1", Ct))?.AdvertiseIp);
    }

    [Fact]
    public async Task UpdateHostAsync_LabelsAndDrain_StoresThemAndBumpsVersion()
    {
        var host = await SeedHostAsync(StateTestData.Host());
        var changed = host with { Labels = new Dictionary<string, string> { ["disk"] = "ssd" }, Drain = true };

        var updated = await Store.UpdateHostAsync(changed, Ct);

        Assert.Equal(host.Version + 1, updated.Version);
        AssertSameHost(changed with { Version = host.Version + 1 }, await Store.GetHostAsync("h1", Ct));
    }

    [Fact]
    public async Task UpdateHostAsync_StaleVersion_ThrowsStaleHostAndChangesNothing()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);

        await Assert.ThrowsAsync<StaleHostException>(() => Store.UpdateHostAsync(host with { Drain = true }, Ct));

        Assert.False((await Store.GetHostAsync("h1", Ct))!.Drain);
    }

    [Fact]
    public async Task UpdateHostAsync_UnknownHost_ThrowsKeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.UpdateHostAsync(StateTestData.Host("ghost"), Ct));

    [Fact]
    public async Task UpsertHostAsync_DrainedHost_KeepsItDrained()
    {
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.UpdateHostAsync(host with { Drain = true }, Ct);

        await Store.UpsertHostAsync(StateTestData.Host() with { MemoryMb = 9999 }, Ct);

        var stored = await Store.GetHostAsync("h1", Ct);
        Assert.True(stored!.Drain);
        Assert.Equal(9999, stored.MemoryMb);
    }

    [Fact]
    public async Task DeleteHostAsync_EmptyHost_RemovesIt()
    {
        await SeedHostAsync(StateTestData.Host());

        await Store.DeleteHostAsync("h1", Ct);

        Assert.Null(await Store.GetHostAsync("h1", Ct));
        Assert.Empty(await Store.ListHostUsageAsync(Ct));
    }

    [Fact]
    public async Task DeleteHostAsync_HostHoldsInstances_ThrowsConflictAndKeepsIt()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Store.DeleteHostAsync("h1", Ct));

        Assert.Contains("1 instance", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await Store.GetHostAsync("h1", Ct));
    }

    [Fact]
    public async Task DeleteHostAsync_UnknownHost_DoesNothing() => await Store.DeleteHostAsync("ghost", Ct);

    [Fact]
    public async Task CreateAppAsync_PlacementRules_RoundTrip()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        var app = StateTestData.App() with
        {
            Placement = new AppPlacement
            {
                Strategy = "binpack",
                Constraints = ["labels.disk == ssd", "labels.zone in (a, b)"],
                AffinityWith = "db",
                Spread = SpreadMode.Soft,
                Global = true,
            },
        };

        await Store.CreateAppAsync(app, Ct);
        Assert.Equal(app.Placement, (await Store.GetAppAsync("hello", Ct))?.Placement);

        await Store.UpdateAppAsync(app with { Placement = AppPlacement.Default }, Ct);
        Assert.Equal(AppPlacement.Default, (await Store.GetAppAsync("hello", Ct))?.Placement);
    }
}
