using Berth.Core.Instances;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private IHostStatusStore HostStatus => (IHostStatusStore)Store;

    [Fact]
    public async Task MarkHostDownAsync_Twice_KeepsTheFirstTimeUntilMarkedUp()
    {
        await HostStatus.MarkHostDownAsync("h1", StateTestData.Epoch, Ct);
        await HostStatus.MarkHostDownAsync("h1", StateTestData.Epoch.AddSeconds(5), Ct);

        Assert.Equal(StateTestData.Epoch, (await HostStatus.ListDownHostsAsync(Ct))["h1"]);
        Assert.True(await HostStatus.MarkHostUpAsync("h1", Ct));
        Assert.False(await HostStatus.MarkHostUpAsync("h1", Ct));
        Assert.Empty(await HostStatus.ListDownHostsAsync(Ct));
    }

    [Fact]
    public async Task GetClusterIdAsync_ManyCallers_AgreeOnOneId()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ((IClusterIdentity)Store).GetClusterIdAsync(Ct)));

        Assert.Single(ids.Distinct());
        Assert.False(string.IsNullOrWhiteSpace(ids[0]));
    }

    [Fact]
    public async Task UpdateInstanceAsync_RestartBookkeeping_RoundTrips()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        var reserved = await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);
        Assert.Equal(0, reserved.RestartCount);
        var failing = reserved with
        {
            State = InstanceState.Failed,
            Health = InstanceHealth.Unhealthy,
            RestartCount = 3,
            LastRestartAt = StateTestData.Epoch.AddSeconds(10),
            NextRestartAt = StateTestData.Epoch.AddSeconds(14),
            UnhealthySince = StateTestData.Epoch.AddSeconds(12),
        };

        await Store.UpdateInstanceAsync(failing, Ct);

        Assert.Equal(failing, await Store.GetInstanceAsync("i1", Ct));
    }

    [Fact]
    public async Task UpdateAppAsync_Deleting_RoundTrips()
    {
        await SeedAppAsync();
        var app = await Store.GetAppAsync("hello", Ct);

        await Store.UpdateAppAsync(app! with { Deleting = true, Instances = 0 }, Ct);

        Assert.True((await Store.GetAppAsync("hello", Ct))!.Deleting);
    }
}
