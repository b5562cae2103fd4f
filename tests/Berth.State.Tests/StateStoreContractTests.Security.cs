using Berth.Core.Security;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private ISecurityStore Security => (ISecurityStore)Store;

    private static ApiToken Token(string id, string tenant = "acme", TokenScope scope = TokenScope.Tenant) => new()
    {
        Id = id,
        Tenant = tenant,
        TokenHash = $"token-hash-{id}",
        Scope = scope,
        Description = $"token {id}",
        CreatedAt = StateTestData.Epoch.AddMinutes(id.Length),
    };

    [Fact]
    public async Task CreateTokenAsync_NewToken_FindByHashReturnsIt()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        var token = Token("t1", scope: TokenScope.ReadOnly);

        await Security.CreateTokenAsync(token, Ct);

        Assert.Equal(token, await Security.FindTokenByHashAsync("token-hash-t1", Ct));
        Assert.Null(await Security.FindTokenByHashAsync("token-hash-none", Ct));
    }

    [Fact]
    public async Task CreateTokenAsync_UnknownTenant_ThrowsKeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Security.CreateTokenAsync(Token("t1", "nobody"), Ct));

    [Fact]
    public async Task CreateTokenAsync_DuplicateHash_ThrowsConflict()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        await Security.CreateTokenAsync(Token("t1"), Ct);

        await Assert.ThrowsAsync<ConflictException>(() => Security.CreateTokenAsync(Token("t2") with { TokenHash = "token-hash-t1" }, Ct));
    }

    [Fact]
    public async Task ListTokensAsync_TwoTenants_ReturnsOnlyTheTenantsOldestFirst()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant("acme"), Ct);
        await Store.CreateTenantAsync(StateTestData.Tenant("globex"), Ct);
        await Security.CreateTokenAsync(Token("t-long", "acme"), Ct);
        await Security.CreateTokenAsync(Token("t1", "acme"), Ct);
        await Security.CreateTokenAsync(Token("t2", "globex"), Ct);

        var tokens = await Security.ListTokensAsync("acme", Ct);

        Assert.Equal(["t1", "t-long"], tokens.Select(t => t.Id));
    }

    [Fact]
    public async Task RevokeTokenAsync_OwnToken_SetsRevokedAtOnce()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        await Security.CreateTokenAsync(Token("t1"), Ct);
        var first = StateTestData.Epoch.AddHours(1);

        Assert.True(await Security.RevokeTokenAsync("acme", "t1", first, Ct));
        Assert.True(await Security.RevokeTokenAsync("acme", "t1", first.AddHours(1), Ct));

        Assert.Equal(first, (await Security.FindTokenByHashAsync("token-hash-t1", Ct))!.RevokedAt);
    }

    [Fact]
    public async Task RevokeTokenAsync_AnotherTenantsToken_ReturnsFalseAndKeepsIt()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant("acme"), Ct);
        await Store.CreateTenantAsync(StateTestData.Tenant("globex"), Ct);
        await Security.CreateTokenAsync(Token("t1", "acme"), Ct);

        Assert.False(await Security.RevokeTokenAsync("globex", "t1", StateTestData.Epoch, Ct));

        Assert.Null((await Security.FindTokenByHashAsync("token-hash-t1", Ct))!.RevokedAt);
    }

    [Fact]
    public async Task BaseImages_AddTwiceListRemove_BehaveAsASet()
    {
        await Security.AddBaseImageAsync(new BaseImage("nginx", StateTestData.Epoch), Ct);
        await Security.AddBaseImageAsync(new BaseImage("base/redis", StateTestData.Epoch), Ct);
        await Security.AddBaseImageAsync(new BaseImage("nginx", StateTestData.Epoch.AddDays(1)), Ct);

        Assert.Equal(["base/redis", "nginx"], (await Security.ListBaseImagesAsync(Ct)).Select(i => i.Repository));
        Assert.True(await Security.IsBaseImageAsync("nginx", Ct));
        Assert.True(await Security.RemoveBaseImageAsync("nginx", Ct));
        Assert.False(await Security.RemoveBaseImageAsync("nginx", Ct));
        Assert.False(await Security.IsBaseImageAsync("nginx", Ct));
    }

    [Fact]
    public async Task ReserveRepositoryAsync_NameHeldByAnother_ReturnsTheFirstOwner()
    {
        Assert.Null(await Security.GetRepositoryOwnerAsync("shop", Ct));

        Assert.Equal("acme", await Security.ReserveRepositoryAsync("shop", "acme", StateTestData.Epoch, Ct));
        Assert.Equal("acme", await Security.ReserveRepositoryAsync("shop", "acme", StateTestData.Epoch, Ct));
        Assert.Equal("acme", await Security.ReserveRepositoryAsync("shop", "globex", StateTestData.Epoch, Ct));
        Assert.Equal("acme", await Security.GetRepositoryOwnerAsync("shop", Ct));
    }

    [Fact]
    public async Task ListAuditAsync_ByPageAndActor_ReturnsNewestFirst()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Security.AppendAuditAsync(new AuditEntry
            {
                Id = $"a{i}",
                At = StateTestData.Epoch.AddSeconds(i),
                Actor = i % 2 == 0 ? "acme" : null,
                TokenId = i % 2 == 0 ? "t1" : null,
                Client = "127.0.0.1",
                Method = "POST",
                Path = $"/v1/apps/{i}",
                Status = 200 + i,
            }, Ct);
        }

        var newest = await Security.ListAuditAsync(null, null, 2, Ct);
        var older = await Security.ListAuditAsync(newest[^1].Id, null, 10, Ct);
        var acme = await Security.ListAuditAsync(null, "acme", 10, Ct);

        Assert.Equal(["a5", "a4"], newest.Select(e => e.Id));
        Assert.Equal(["a3", "a2", "a1"], older.Select(e => e.Id));
        Assert.Equal(["a4", "a2"], acme.Select(e => e.Id));
        Assert.Equal((StateTestData.Epoch.AddSeconds(4), "t1", "/v1/apps/4", 204), (acme[0].At, acme[0].TokenId, acme[0].Path, acme[0].Status));
    }

    [Fact]
    public async Task CreateAppAsync_ReadOnlyRootFilesystem_RoundTrips()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        var app = StateTestData.App() with { ReadOnlyRootFilesystem = true };

        await Store.CreateAppAsync(app, Ct);
        await Store.UpdateAppAsync(app with { Instances = 2 }, Ct);

        Assert.True((await Store.GetAppAsync(app.Id, Ct))!.ReadOnlyRootFilesystem);
    }
}
