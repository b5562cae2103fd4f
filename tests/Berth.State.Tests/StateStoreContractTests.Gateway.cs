using Berth.Core.Gateway;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    /// <summary>The store's gateway settings: every backend keeps them beside the rest of the state.</summary>
    protected IGatewaySettingsStore Gateway =>
        Store as IGatewaySettingsStore ?? throw new InvalidOperationException("the store does not keep gateway settings");

    [Fact]
    public async Task AddDomainAsync_TwoApps_EachListsItsOwn()
    {
        await SeedTwoAppsAsync();

        await Gateway.AddDomainAsync(new CustomDomain("www.example.com", "web", StateTestData.Epoch), Ct);
        await Gateway.AddDomainAsync(new CustomDomain("api.example.com", "api", StateTestData.Epoch), Ct);
        await Gateway.AddDomainAsync(new CustomDomain("example.com", "web", StateTestData.Epoch), Ct);

        Assert.Equal(["example.com", "www.example.com"], (await Gateway.ListDomainsAsync("web", Ct)).Select(d => d.Domain));
        Assert.Equal(
            [new CustomDomain("api.example.com", "api", StateTestData.Epoch), new CustomDomain("example.com", "web", StateTestData.Epoch), new CustomDomain("www.example.com", "web", StateTestData.Epoch)],
            await Gateway.ListDomainsAsync(null, Ct));
    }

    [Fact]
    public async Task AddDomainAsync_TakenByAnyApp_Conflict()
    {
        await SeedTwoAppsAsync();
        await Gateway.AddDomainAsync(new CustomDomain("www.example.com", "web", StateTestData.Epoch), Ct);

        await Assert.ThrowsAsync<ConflictException>(() => Gateway.AddDomainAsync(new CustomDomain("www.example.com", "api", StateTestData.Epoch), Ct));
        await Assert.ThrowsAsync<ConflictException>(() => Gateway.AddDomainAsync(new CustomDomain("www.example.com", "web", StateTestData.Epoch), Ct));
    }

    [Fact]
    public async Task AddDomainAsync_UnknownApp_KeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Gateway.AddDomainAsync(new CustomDomain("www.example.com", "ghost", StateTestData.Epoch), Ct));

    [Fact]
    public async Task RemoveDomainAsync_OnlyTheOwningApp_Removes()
    {
        await SeedTwoAppsAsync();
        await Gateway.AddDomainAsync(new CustomDomain("www.example.com", "web", StateTestData.Epoch), Ct);

        Assert.False(await Gateway.RemoveDomainAsync("api", "www.example.com", Ct));
        Assert.True(await Gateway.RemoveDomainAsync("web", "www.example.com", Ct));
        Assert.False(await Gateway.RemoveDomainAsync("web", "www.example.com", Ct));
        Assert.Empty(await Gateway.ListDomainsAsync(null, Ct));
    }

    [Fact]
    public async Task SetTrafficAsync_SetReplaceClear_GetFollows()
    {
        await SeedTwoAppsAsync();
        var split = new TrafficPolicy { Weights = new Dictionary<string, int> { ["v1"] = 90, ["v2"] = 10 }, Balancing = BalancingPolicies.LeastRequests };

        await Gateway.SetTrafficAsync("web", split, Ct);
        var stored = await Gateway.GetTrafficAsync("web", Ct);
        Assert.Equal(split.Weights, stored?.Weights);
        Assert.Equal(BalancingPolicies.LeastRequests, stored?.Balancing);

        await Gateway.SetTrafficAsync("web", new TrafficPolicy(), Ct);
        Assert.Empty((await Gateway.GetTrafficAsync("web", Ct))!.Weights);
        Assert.Equal(["web"], (await Gateway.ListTrafficAsync(Ct)).Keys);

        await Gateway.SetTrafficAsync("web", null, Ct);
        Assert.Null(await Gateway.GetTrafficAsync("web", Ct));
        Assert.Empty(await Gateway.ListTrafficAsync(Ct));
    }

    [Fact]
    public async Task SetTrafficAsync_UnknownApp_KeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Gateway.SetTrafficAsync("ghost", new TrafficPolicy(), Ct));

    [Fact]
    public async Task SetHttpsAsync_SetReplaceClear_GetFollows()
    {
        await SeedTwoAppsAsync();
        var strict = new HttpsPolicy { Redirect = true, HstsMaxAge = 31536000, HstsIncludeSubdomains = true };

        await Gateway.SetHttpsAsync("web", strict, Ct);
        Assert.Equal(strict, await Gateway.GetHttpsAsync("web", Ct));

        await Gateway.SetHttpsAsync("web", new HttpsPolicy { Redirect = true }, Ct);
        Assert.Equal(new HttpsPolicy { Redirect = true }, await Gateway.GetHttpsAsync("web", Ct));
        Assert.Equal(["web"], (await Gateway.ListHttpsAsync(Ct)).Keys);

        await Gateway.SetHttpsAsync("web", null, Ct);
        Assert.Null(await Gateway.GetHttpsAsync("web", Ct));
        Assert.Empty(await Gateway.ListHttpsAsync(Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Gateway.SetHttpsAsync("ghost", strict, Ct));
    }

    [Fact]
    public async Task SetBlacklistAsync_GlobalAndPerApp_KeptApartAndListed()
    {
        await SeedTwoAppsAsync();

        await Gateway.SetBlacklistAsync(null, ["10.0.0.0/8"], Ct);
        await Gateway.SetBlacklistAsync("web", ["127.0.0.1", "2001:db8::/32"], Ct);

        Assert.Equal(["10.0.0.0/8"], await Gateway.GetBlacklistAsync(null, Ct));
        Assert.Equal(["127.0.0.1", "2001:db8::/32"], await Gateway.GetBlacklistAsync("web", Ct));
        Assert.Empty(await Gateway.GetBlacklistAsync("api", Ct));
        var all = await Gateway.ListBlacklistsAsync(Ct);
        Assert.Equal([null, "web"], all.Select(b => b.AppId));

        await Gateway.SetBlacklistAsync(null, [], Ct);
        await Gateway.SetBlacklistAsync("web", ["192.168.0.0/16"], Ct);
        Assert.Empty(await Gateway.GetBlacklistAsync(null, Ct));
        Assert.Equal(["192.168.0.0/16"], Assert.Single(await Gateway.ListBlacklistsAsync(Ct)).Entries);
    }

    [Fact]
    public async Task DeleteAppAsync_WithGatewaySettings_RemovesThemWithTheApp()
    {
        await SeedTwoAppsAsync();
        await Gateway.AddDomainAsync(new CustomDomain("www.example.com", "web", StateTestData.Epoch), Ct);
        await Gateway.SetTrafficAsync("web", new TrafficPolicy(), Ct);
        await Gateway.SetBlacklistAsync("web", ["127.0.0.1"], Ct);

        await Store.DeleteAppAsync("web", Ct);

        Assert.Empty(await Gateway.ListDomainsAsync(null, Ct));
        Assert.Empty(await Gateway.ListTrafficAsync(Ct));
        Assert.Empty(await Gateway.ListBlacklistsAsync(Ct));
        await Store.CreateAppAsync(StateTestData.App("web", "acme"), Ct);
        await Gateway.AddDomainAsync(new CustomDomain("www.example.com", "web", StateTestData.Epoch), Ct);
    }

    private async Task SeedTwoAppsAsync()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        await Store.CreateAppAsync(StateTestData.App("web", "acme"), Ct);
        await Store.CreateAppAsync(StateTestData.App("api", "acme"), Ct);
    }
}
