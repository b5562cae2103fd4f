using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task CreateTenantAsync_NewTenant_GetReturnsIt()
    {
        var tenant = StateTestData.Tenant() with { IsAdmin = true };

        await Store.CreateTenantAsync(tenant, Ct);

        var stored = await Store.GetTenantAsync("acme", Ct);
        Assert.Equal(tenant, stored);
        Assert.Equal(TimeSpan.Zero, stored!.CreatedAt.Offset);
    }

    [Fact]
    public async Task GetTenantAsync_Unknown_ReturnsNull() => Assert.Null(await Store.GetTenantAsync("nobody", Ct));

    [Fact]
    public async Task FindTenantByTokenHashAsync_KnownHash_ReturnsTenant()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant("acme"), Ct);
        await Store.CreateTenantAsync(StateTestData.Tenant("globex"), Ct);

        var found = await Store.FindTenantByTokenHashAsync("hash-of-globex", Ct);

        Assert.Equal("globex", found?.Name);
        Assert.Null(await Store.FindTenantByTokenHashAsync("hash-of-nobody", Ct));
    }

    [Fact]
    public async Task CreateTenantAsync_DuplicateName_ThrowsConflict()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);

        var error = await Assert.ThrowsAsync<ConflictException>(
            () => Store.CreateTenantAsync(StateTestData.Tenant() with { TokenHash = "other" }, Ct));

        Assert.Contains("'acme' already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTenantAsync_DuplicateTokenHash_ThrowsConflict()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant("acme"), Ct);

        await Assert.ThrowsAsync<ConflictException>(
            () => Store.CreateTenantAsync(StateTestData.Tenant("globex") with { TokenHash = "hash-of-acme" }, Ct));
        Assert.Null(await Store.GetTenantAsync("globex", Ct));
    }

    [Fact]
    public async Task ListTenantsAsync_SeveralTenants_ReturnsAllByName()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant("globex"), Ct);
        await Store.CreateTenantAsync(StateTestData.Tenant("acme"), Ct);

        var tenants = await Store.ListTenantsAsync(Ct);

        Assert.Equal(["acme", "globex"], tenants.Select(tenant => tenant.Name));
    }
}
