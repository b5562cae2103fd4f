using System.Diagnostics;
using Berth.Core.Discovery;
using Berth.ZooKeeper.Tests;

namespace Berth.Discovery.ZooKeeper.Tests;

public sealed class ZooKeeperDiscoveryLeaseTests : StoreTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task PutEphemeralAsync_Disposed_KeyGoneAtOnceAndWatchersSeeBoth()
    {
        var key = DiscoveryKeys.Member("gateway", "g1");
        await using var events = new WatchProbe(Store, "/caas/members/", 0);
        // ZooKeeper keeps no history: only a watch already set sees a key that comes and goes.
        await Store.PutAsync(DiscoveryKeys.Member("gateway", "sentinel"), "", Ct);
        await events.TakeAsync(1);

        var lease = await Fixture.BerthStore().PutEphemeralAsync(key, "127.0.0.1:9000", Ttl, Ct);
        var listed = (await Store.GetPrefixAsync(key, Ct)).Entries;
        var appeared = await events.TakeAsync(1);
        await lease.DisposeAsync();
        var gone = await events.TakeAsync(1);

        Assert.Equal([(key, "127.0.0.1:9000")], listed.Select(e => (e.Key, e.Value)));
        Assert.Empty((await Store.GetPrefixAsync(key, Ct)).Entries);
        Assert.Equal((DiscoveryEventType.Put, key), (appeared[0].Type, appeared[0].Key));
        Assert.Equal((DiscoveryEventType.Delete, key), (gone[0].Type, gone[0].Key));
    }

    [Fact]
    public async Task PutEphemeralAsync_OwnerDies_KeyGoneWithinTtl()
    {
        await using var proxy = new TcpProxy();
        var owner = Fixture.BerthStore(proxy);
        var key = DiscoveryKeys.Member("control-plane", "cp1");
        await owner.PutEphemeralAsync(key, "alive", Ttl, Ct);

        var clock = Stopwatch.StartNew();
        proxy.Cut();
        await TestZooKeeper.EventuallyAsync(async () => (await Store.GetPrefixAsync(key, Ct)).Entries.Count == 0, "the dead owner's key to go");

        // The server expires the session one TTL (rounded up to its 500 ms tick) after it last heard the owner, who
        // pinged every third of it. The lower bound is the point (not expired while alive); the upper one only says it
        // expired by the lease, not by some later clean-up, with room for a busy machine.
        Assert.InRange(clock.Elapsed, Ttl / 2, Ttl + TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task PutEphemeralAsync_SessionExpiresWhileOwnerLives_KeyPlacedAgain()
    {
        await using var proxy = new TcpProxy();
        var owner = Fixture.BerthStore(proxy);
        var key = DiscoveryKeys.Member("gateway", "g2");
        await owner.PutEphemeralAsync(key, "alive", Ttl, Ct);

        proxy.Cut();
        await TestZooKeeper.EventuallyAsync(async () => (await Store.GetPrefixAsync(key, Ct)).Entries.Count == 0, "the key to go with the session");
        proxy.Refuse(false);

        await TestZooKeeper.EventuallyAsync(async () => (await Store.GetPrefixAsync(key, Ct)).Entries.Count == 1, "the key to come back on a new session");
    }

    [Fact]
    public async Task PutEphemeralAsync_LeftoverOfDeadPredecessor_Replaced()
    {
        await using var proxy = new TcpProxy();
        var key = DiscoveryKeys.Member("gateway", "g3");
        await Fixture.BerthStore(proxy).PutEphemeralAsync(key, "old", TimeSpan.FromSeconds(10), Ct);
        proxy.Cut();

        await using var lease = await Fixture.BerthStore().PutEphemeralAsync(key, "new", Ttl, Ct);

        Assert.Equal("new", (await Store.GetPrefixAsync(key, Ct)).Entries.Single().Value);
    }
}
