using Berth.Core.Hosts;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private IProvisionedHostStore Provisioned => (IProvisionedHostStore)Store;

    [Fact]
    public async Task AddProvisionedHostAsync_TwoHosts_ListsBothByName()
    {
        var second = new ProvisionedHost("prov-b", Clock.Now.AddMinutes(1));
        var first = new ProvisionedHost("prov-a", Clock.Now);

        await Provisioned.AddProvisionedHostAsync(second, Ct);
        await Provisioned.AddProvisionedHostAsync(first, Ct);

        Assert.Equal([first, second], await Provisioned.ListProvisionedHostsAsync(Ct));
    }

    [Fact]
    public async Task AddProvisionedHostAsync_NameTaken_ThrowsConflict()
    {
        await Provisioned.AddProvisionedHostAsync(new ProvisionedHost("prov-a", Clock.Now), Ct);

        await Assert.ThrowsAsync<ConflictException>(() => Provisioned.AddProvisionedHostAsync(new ProvisionedHost("prov-a", Clock.Now), Ct));
    }

    [Fact]
    public async Task DeleteProvisionedHostAsync_Twice_TrueThenFalse()
    {
        await Provisioned.AddProvisionedHostAsync(new ProvisionedHost("prov-a", Clock.Now), Ct);

        Assert.True(await Provisioned.DeleteProvisionedHostAsync("prov-a", Ct));
        Assert.False(await Provisioned.DeleteProvisionedHostAsync("prov-a", Ct));
        Assert.Empty(await Provisioned.ListProvisionedHostsAsync(Ct));
    }
}
