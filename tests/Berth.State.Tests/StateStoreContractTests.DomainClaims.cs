using Berth.Core.Gateway;
using Berth.Core.State;
using Berth.Core.Tenants;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private static DomainClaim Claim(string appId, string token) => new("www.example.com", appId, token, StateTestData.Epoch);

    [Fact]
    public async Task ClaimDomainAsync_TwoAppsThenOneProves_ItRoutesAndEveryClaimGoes()
    {
        await SeedTwoAppsAsync();

        Assert.Equal(Claim("web", "t-web"), await Gateway.ClaimDomainAsync(Claim("web", "t-web"), Ct));
        await Gateway.ClaimDomainAsync(Claim("api", "t-api"), Ct);
        // Claiming again keeps the first token.
        Assert.Equal("t-web", (await Gateway.ClaimDomainAsync(Claim("web", "t-other"), Ct)).Token);
        Assert.Equal([Claim("api", "t-api"), Claim("web", "t-web")], await Gateway.ListDomainClaimsAsync(null, Ct));
        Assert.Empty(await Gateway.ListDomainsAsync(null, Ct));

        var proven = await Gateway.VerifyDomainAsync(Claim("api", "t-api"), StateTestData.Epoch.AddMinutes(1), Ct);

        Assert.Equal(new CustomDomain("www.example.com", "api", StateTestData.Epoch.AddMinutes(1)), proven);
        Assert.Equal([proven], await Gateway.ListDomainsAsync(null, Ct));
        Assert.Empty(await Gateway.ListDomainClaimsAsync(null, Ct));
        await Assert.ThrowsAsync<ConflictException>(() => Gateway.VerifyDomainAsync(Claim("web", "t-web"), StateTestData.Epoch, Ct));
    }

    [Fact]
    public async Task RemoveDomainAsync_AClaim_DropsOnlyThatAppsClaim()
    {
        await SeedTwoAppsAsync();
        await Gateway.ClaimDomainAsync(Claim("web", "t-web"), Ct);
        await Gateway.ClaimDomainAsync(Claim("api", "t-api"), Ct);

        Assert.True(await Gateway.RemoveDomainAsync("web", "www.example.com", Ct));

        Assert.Equal([Claim("api", "t-api")], await Gateway.ListDomainClaimsAsync(null, Ct));
    }

    [Fact]
    public async Task SetQuotaAsync_SetThenReplaced_GetFollowsAndUnknownTenantIsKeyNotFound()
    {
        var quotas = Store as ITenantQuotaStore ?? throw new InvalidOperationException("the store does not keep quotas");
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        Assert.Null(await quotas.GetQuotaAsync("acme", Ct));

        await quotas.SetQuotaAsync("acme", new TenantResources { Apps = 2, Ports = 5 }, Ct);
        await quotas.SetQuotaAsync("acme", new TenantResources { Apps = 3, Ports = 5 }, Ct);

        Assert.Equal(new TenantResources { Apps = 3, Ports = 5 }, await quotas.GetQuotaAsync("acme", Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => quotas.SetQuotaAsync("ghost", new TenantResources(), Ct));
    }
}
