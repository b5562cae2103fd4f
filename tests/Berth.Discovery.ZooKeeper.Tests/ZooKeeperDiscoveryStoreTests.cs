using Berth.Core.Discovery;
using Berth.ZooKeeper;
using Berth.ZooKeeper.Tests;

namespace Berth.Discovery.ZooKeeper.Tests;

public sealed class ZooKeeperDiscoveryStoreTests : StoreTests
{
    [Fact]
    public async Task PutAsync_AddressKey_IsThatZNodeWithTheValueAndItsMzxid()
    {
        var key = ServiceKeys.Address("app", "v1", "c1");

        var revision = await Store.PutAsync(key, "10.0.0.1:8080", Ct);

        await using var raw = await TestZooKeeper.ConnectAsync(Fixture.Root.ConnectString);
        await raw.AddAuthAsync("digest", ZooKeeperAcl.DigestAuth(StoreFixture.BerthUser, StoreFixture.BerthPassword), Ct);
        var node = await raw.GetDataAsync("/caas/service/address/app/v1/c1", cancellationToken: Ct);
        Assert.Equal("10.0.0.1:8080"u8.ToArray(), node.Data);
        Assert.Equal(revision, node.Stat.Mzxid);
        Assert.Null((await raw.GetDataAsync("/caas/service/address/app/v1", cancellationToken: Ct)).Data);
    }

    [Fact]
    public async Task PutAsync_SameKeyAgain_NewRevisionNewValue()
    {
        var first = await Store.PutAsync("/caas/config/app/k", "1", Ct);

        var second = await Store.PutAsync("/caas/config/app/k", "2", Ct);

        Assert.True(second > first);
        var snapshot = await Store.GetPrefixAsync("/caas/config/app/", Ct);
        Assert.Equal([new DiscoveryEntry("/caas/config/app/k", "2", second)], snapshot.Entries);
    }

    [Fact]
    public async Task GetPrefixAsync_MixedKeys_OnlyPrefixInKeyOrderWithRevisions()
    {
        var b = await Store.PutAsync("/caas/service/address/app/v1/b", "1.1.1.1:2", Ct);
        await Store.PutAsync("/caas/service/address/app2/v1/a", "2.2.2.2:2", Ct);
        var a = await Store.PutAsync("/caas/service/address/app/v1/a", "1.1.1.1:1", Ct);
        var empty = await Store.PutAsync("/caas/service/address/app/v2/e", "", Ct);

        var snapshot = await Store.GetPrefixAsync(ServiceKeys.AppPrefix("app"), Ct);

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
        await Store.PutAsync("/caas/apps/a", "t", Ct);
        await Store.PutAsync("/caas/apps/ab", "t", Ct);
        await Store.PutAsync("/caas/apps/b", "t", Ct);

        var snapshot = await Store.GetPrefixAsync("/caas/apps/a", Ct);

        Assert.Equal(["/caas/apps/a", "/caas/apps/ab"], snapshot.Entries.Select(e => e.Key));
    }

    [Fact]
    public async Task GetPrefixAsync_NothingThere_EmptyWithRevision()
    {
        var snapshot = await Store.GetPrefixAsync("/caas/service/address/none/", Ct);

        Assert.Empty(snapshot.Entries);
        Assert.True(snapshot.Revision > 0);
    }

    [Fact]
    public async Task DeleteAsync_Key_TrueThenFalse()
    {
        await Store.PutAsync("/caas/apps/x", "t", Ct);

        Assert.True(await Store.DeleteAsync("/caas/apps/x", Ct));
        Assert.False(await Store.DeleteAsync("/caas/apps/x", Ct));
        Assert.Empty((await Store.GetPrefixAsync("/caas/apps/", Ct)).Entries);
    }

    [Fact]
    public async Task DeleteAsync_ParentNodeThatIsNoKey_False()
    {
        await Store.PutAsync(ServiceKeys.Address("app", "v1", "c1"), "1.1.1.1:1", Ct);

        Assert.False(await Store.DeleteAsync("/caas/service/address/app/v1", Ct));
        Assert.Single((await Store.GetPrefixAsync(ServiceKeys.AppPrefix("app"), Ct)).Entries);
    }

    [Fact]
    public async Task DeleteAsync_KeyWithKeysBelow_StopsBeingAKeyTheOthersStay()
    {
        await Store.PutAsync("/caas/config/app", "parent", Ct);
        await Store.PutAsync("/caas/config/app/k", "child", Ct);

        Assert.True(await Store.DeleteAsync("/caas/config/app", Ct));

        Assert.Equal(["/caas/config/app/k"], (await Store.GetPrefixAsync("/caas/config/", Ct)).Entries.Select(e => e.Key));
    }

    [Fact]
    public async Task ServiceRegistry_OnZooKeeper_RegistersListsDeregisters()
    {
        var registry = new ServiceRegistry(Store);

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
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync("relative/key", "v", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync("/caas/a/", "v", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetPrefixAsync("caas/", Ct));
        Assert.ThrowsAny<ArgumentException>(() => Store.WatchAsync("/caas//x", 0, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CampaignAsync("a/b", "me", TimeSpan.FromSeconds(2), Ct));
    }
}
