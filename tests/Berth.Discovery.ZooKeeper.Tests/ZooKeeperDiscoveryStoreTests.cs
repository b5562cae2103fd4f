using Berth.Core.Discovery;
using Berth.ZooKeeper;
using Berth.ZooKeeper.Tests;

namespace Berth.Discovery.ZooKeeper.Tests;

public sealed class ZooKeeperDiscoveryStoreTests : IAsyncLifetime
{
    private StoreFixture _fixture = null!;
    private ZooKeeperDiscoveryStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _fixture = await StoreFixture.CreateAsync();
        _store = _fixture.BerthStore();
    }

    public async ValueTask DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task PutAsync_AddressKey_IsThatZNodeWithTheValueAndItsMzxid()
    {
        var key = ServiceKeys.Address("app", "v1", "c1");

        var revision = await _store.PutAsync(key, "10.0.0.1:8080", Ct);

        await using var raw = await TestZooKeeper.ConnectAsync(_fixture.Root.ConnectString);
        await raw.AddAuthAsync("digest", ZooKeeperAcl.DigestAuth(StoreFixture.BerthUser, StoreFixture.BerthPassword), Ct);
        var node = await raw.GetDataAsync("/caas/service/address/app/v1/c1", cancellationToken: Ct);
        Assert.Equal("10.0.0.1:8080"u8.ToArray(), node.Data);
        Assert.Equal(revision, node.Stat.Mzxid);
        Assert.Null((await raw.GetDataAsync("/caas/service/address/app/v1", cancellationToken: Ct)).Data);
    }

    [Fact]
    public async Task PutAsync_SameKeyAgain_NewRevisionNewValue()
    {
        var first = await _store.PutAsync("/caas/config/app/k", "1", Ct);

        var second = await _store.PutAsync("/caas/config/app/k", "2", Ct);

        Assert.True(second > first);
        var snapshot = await _store.GetPrefixAsync("/caas/config/app/", Ct);
        Assert.Equal([new DiscoveryEntry("/caas/config/app/k", "2", second)], snapshot.Entries);
    }

    [Fact]
    public async Task GetPrefixAsync_MixedKeys_OnlyPrefixInKeyOrderWithRevisions()
    {
        var b = await _store.PutAsync("/caas/service/address/app/v1/b", "1.1.1.1:2", Ct);
        await _store.PutAsync("/caas/service/address/app2/v1/a", "2.2.2.2:2", Ct);
        var a = await _store.PutAsync("/caas/service/address/app/v1/a", "1.1.1.1:1", Ct);
        var empty = await _store.PutAsync("/caas/service/address/app/v2/e", "", Ct);

        var snapshot = await _store.GetPrefixAsync(ServiceKeys.AppPrefix("app"), Ct);

        Assert.Equal(
            [
                new DiscoveryEntry("/caas/service/address/app/v1/a", "1.1.1.1:1", a),
                new DiscoveryEntry("/caas/service/address/app/v1/b", "1.1.1.1:2", b),
                new DiscoveryEntry("/caas/service/address/app/v2/e", "", empty),
            ],
            snapshot.Entries);
        Assert.True(snapshot.Revision >= empty);
    }

    [Fact]
    public async Task GetPrefixAsync_StringPrefix_MatchesLikeEtcd()
    {
        await _store.PutAsync("/caas/apps/a", "t", Ct);
        await _store.PutAsync("/caas/apps/ab", "t", Ct);
        await _store.PutAsync("/caas/apps/b", "t", Ct);

        var snapshot = await _store.GetPrefixAsync("/caas/apps/a", Ct);

        Assert.Equal(["/caas/apps/a", "/caas/apps/ab"], snapshot.Entries.Select(e => e.Key));
    }

    [Fact]
    public async Task GetPrefixAsync_NothingThere_EmptyWithRevision()
    {
        var snapshot = await _store.GetPrefixAsync("/caas/service/address/none/", Ct);

        Assert.Empty(snapshot.Entries);
        Assert.True(snapshot.Revision > 0);
    }

    [Fact]
    public async Task DeleteAsync_Key_TrueThenFalse()
    {
        await _store.PutAsync("/caas/apps/x", "t", Ct);

        Assert.True(await _store.DeleteAsync("/caas/apps/x", Ct));
        Assert.False(await _store.DeleteAsync("/caas/apps/x", Ct));
        Assert.Empty((await _store.GetPrefixAsync("/caas/apps/", Ct)).Entries);
    }

    [Fact]
    public async Task DeleteAsync_ParentNodeThatIsNoKey_False()
    {
        await _store.PutAsync(ServiceKeys.Address("app", "v1", "c1"), "1.1.1.1:1", Ct);

        Assert.False(await _store.DeleteAsync("/caas/service/address/app/v1", Ct));
        Assert.Single((await _store.GetPrefixAsync(ServiceKeys.AppPrefix("app"), Ct)).Entries);
    }

    [Fact]
    public async Task DeleteAsync_KeyWithKeysBelow_StopsBeingAKeyTheOthersStay()
    {
        await _store.PutAsync("/caas/config/app", "parent", Ct);
        await _store.PutAsync("/caas/config/app/k", "child", Ct);

        Assert.True(await _store.DeleteAsync("/caas/config/app", Ct));

        Assert.Equal(["/caas/config/app/k"], (await _store.GetPrefixAsync("/caas/config/", Ct)).Entries.Select(e => e.Key));
    }

    [Fact]
    public async Task ServiceRegistry_OnZooKeeper_RegistersListsDeregisters()
    {
        var registry = new ServiceRegistry(_store);

        await registry.RegisterAsync("shop", "v1", "c1", "10.0.0.1:31001", Ct);
        await registry.RegisterAsync("shop", "v2", "c2", "10.0.0.2:31002", Ct);
        var listed = await registry.ListAsync("shop", Ct);
        var removed = await registry.DeregisterAppAsync("shop", Ct);

        Assert.Equal([new ServiceInstance("shop", "v1", "c1", "10.0.0.1:31001"), new ServiceInstance("shop", "v2", "c2", "10.0.0.2:31002")], listed);
        Assert.Equal(2, removed);
        Assert.Empty(await registry.ListAsync("shop", Ct));
    }

    [Fact]
    public async Task InvalidKeysAndPrefixes_ThrowArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.PutAsync("relative/key", "v", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.PutAsync("/caas/a/", "v", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.GetPrefixAsync("caas/", Ct));
        Assert.ThrowsAny<ArgumentException>(() => _store.WatchAsync("/caas//x", 0, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.CampaignAsync("a/b", "me", TimeSpan.FromSeconds(2), Ct));
    }
}
