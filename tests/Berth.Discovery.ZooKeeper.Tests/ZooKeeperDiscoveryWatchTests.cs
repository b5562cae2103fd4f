using Berth.ZooKeeper;
using Berth.Core.Discovery;
using Berth.ZooKeeper.Tests;

namespace Berth.Discovery.ZooKeeper.Tests;

public sealed class ZooKeeperDiscoveryWatchTests : StoreTests
{
    private const string Prefix = ServiceKeys.AddressRoot;

    [Fact]
    public async Task WatchAsync_ChangesOneByOne_EachReportedWithTheRevisionOfItsWrite()
    {
        var snapshot = await Store.GetPrefixAsync(Prefix, Ct);
        await using var events = new WatchProbe(Store, Prefix, snapshot.Revision);
        var a = ServiceKeys.Address("app", "v1", "a");
        var b = ServiceKeys.Address("app", "v1", "b");

        var putA = await Store.PutAsync(a, "1.1.1.1:1", Ct);
        var first = await events.TakeAsync(1);
        var putB = await Store.PutAsync(b, "1.1.1.1:2", Ct);
        var second = await events.TakeAsync(1);
        var putA2 = await Store.PutAsync(a, "1.1.1.1:9", Ct);
        var third = await events.TakeAsync(1);
        await Store.DeleteAsync(a, Ct);
        var fourth = await events.TakeAsync(1);

        Assert.Equal(
            [
                new DiscoveryEvent(DiscoveryEventType.Put, a, "1.1.1.1:1", putA),
                new DiscoveryEvent(DiscoveryEventType.Put, b, "1.1.1.1:2", putB),
                new DiscoveryEvent(DiscoveryEventType.Put, a, "1.1.1.1:9", putA2),
            ],
            first.Concat(second).Concat(third));
        Assert.Equal((DiscoveryEventType.Delete, a, (string?)null), (fourth[0].Type, fourth[0].Key, fourth[0].Value));
        // Nothing else changed the parent since: the delete's revision is its exact zxid.
        Assert.Equal(await Fixture.PzxidAsync("/caas/service/address/app/v1"), fourth[0].Revision);
    }

    [Fact]
    public async Task WatchAsync_ConcurrentWriters_OrderedIncreasingAndEndsInTheFinalState()
    {
        var snapshot = await Store.GetPrefixAsync(Prefix, Ct);
        await using var events = new WatchProbe(Store, Prefix, snapshot.Revision);
        var writes = new System.Collections.Concurrent.ConcurrentDictionary<long, string>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            // Each writer registers 25 instances and withdraws every other one, against the same app.
            for (var i = 0; i < 25; i++)
            {
                var key = ServiceKeys.Address("app", $"v{writer}", $"c{i}");
                writes[await Store.PutAsync(key, $"10.0.{writer}.{i}:80", Ct)] = key;
                if (i % 2 == 1)
                {
                    await Store.DeleteAsync(ServiceKeys.Address("app", $"v{writer}", $"c{i - 1}"), Ct);
                }
            }
        }, Ct)));
        var final = await Store.GetPrefixAsync(Prefix, Ct);

        var state = snapshot.Entries.ToDictionary(e => e.Key, e => e.Value);
        var seen = new List<DiscoveryEvent>();
        while (!SameState(state, final))
        {
            var next = (await events.TakeAsync(1))[0];
            seen.Add(next);
            if (next.Type == DiscoveryEventType.Put)
            {
                state[next.Key] = next.Value!;
            }
            else
            {
                Assert.True(state.Remove(next.Key), $"delete of {next.Key}, which the watcher never reported");
            }
        }

        Assert.Equal(52, final.Entries.Count);
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First.Revision < pair.Second.Revision), "revisions must increase");
        Assert.All(final.Entries, entry => Assert.Contains(seen, e => e.Type == DiscoveryEventType.Put && e.Key == entry.Key && e.Revision == entry.Revision));
        Assert.All(seen.Where(e => e.Type == DiscoveryEventType.Put), e => Assert.Equal(writes[e.Revision], e.Key));
    }

    [Fact]
    public async Task WatchAsync_FromListingRevision_ChangesBetweenListingAndWatchNotMissed()
    {
        var gone = ServiceKeys.Address("app", "v1", "gone");
        var stays = ServiceKeys.Address("app", "v1", "stays");
        await Store.PutAsync(gone, "1.1.1.1:1", Ct);
        await Store.PutAsync(stays, "1.1.1.1:2", Ct);
        var snapshot = await Store.GetPrefixAsync(Prefix, Ct);

        await Store.DeleteAsync(gone, Ct);
        var added = await Store.PutAsync(ServiceKeys.Address("app", "v2", "new"), "1.1.1.1:3", Ct);
        await using var events = new WatchProbe(Store, Prefix, snapshot.Revision);
        var caughtUp = await events.TakeAsync(2);

        Assert.Equal([(DiscoveryEventType.Delete, gone), (DiscoveryEventType.Put, ServiceKeys.Address("app", "v2", "new"))], caughtUp.Select(e => (e.Type, e.Key)));
        Assert.True(caughtUp[0].Revision > snapshot.Revision && caughtUp[0].Revision < added);
        Assert.Equal(added, caughtUp[1].Revision);
    }

    [Fact]
    public async Task WatchAsync_ResumeFromLastEventAfterStopping_MissesNothing()
    {
        var a = ServiceKeys.Address("app", "v1", "a");
        var b = ServiceKeys.Address("app", "v1", "b");
        long resumeFrom;
        await using (var first = new WatchProbe(Store, Prefix, 0))
        {
            await Store.PutAsync(a, "1.1.1.1:1", Ct);
            resumeFrom = (await first.TakeAsync(1))[0].Revision;
        }

        var putB = await Store.PutAsync(b, "1.1.1.1:2", Ct);
        await Store.DeleteAsync(a, Ct);
        await using var resumed = new WatchProbe(Store, Prefix, resumeFrom);
        var missed = await resumed.TakeAsync(2);

        // ZooKeeper keeps no record of when a key went: its revision is a bound, past what the watcher saw and no later than the delete.
        var deleted = await Fixture.PzxidAsync("/caas/service/address/app/v1");
        Assert.Contains(new DiscoveryEvent(DiscoveryEventType.Put, b, "1.1.1.1:2", putB), missed);
        var delete = Assert.Single(missed, e => e.Type == DiscoveryEventType.Delete);
        Assert.Equal(a, delete.Key);
        Assert.InRange(delete.Revision, resumeFrom + 1, deleted);
        Assert.True(missed[0].Revision < missed[1].Revision);
    }

    [Fact]
    public async Task WatchAsync_ResumeOnAnotherStore_ChangedValuesReportedMissedDeletesForceRelisting()
    {
        var a = ServiceKeys.Address("app", "v1", "a");
        var after = await Store.PutAsync(a, "1.1.1.1:1", Ct);
        await Store.PutAsync(ServiceKeys.Address("app", "v1", "b"), "1.1.1.1:2", Ct);
        var changed = await Store.PutAsync(a, "1.1.1.1:9", Ct);
        var other = Fixture.BerthStore();

        await using (var events = new WatchProbe(other, Prefix, changed - 1))
        {
            Assert.Equal(new DiscoveryEvent(DiscoveryEventType.Put, a, "1.1.1.1:9", changed), (await events.TakeAsync(1))[0]);
        }

        await Store.DeleteAsync(a, Ct);
        await using var blind = new WatchProbe(Fixture.BerthStore(), Prefix, changed);
        await Assert.ThrowsAsync<DiscoveryHistoryCompactedException>(blind.FirstAsync);
        Assert.True(after < changed);
    }

    [Fact]
    public async Task WatchAsync_ConnectionDroppedMeanwhile_CatchesUpAfterReconnect()
    {
        await using var proxy = new TcpProxy();
        var watching = Fixture.BerthStore(proxy);
        var a = ServiceKeys.Address("app", "v1", "a");
        await Store.PutAsync(a, "1.1.1.1:1", Ct);
        var snapshot = await watching.GetPrefixAsync(Prefix, Ct);
        await using var events = new WatchProbe(watching, Prefix, snapshot.Revision);
        var b = ServiceKeys.Address("app", "v1", "b");
        await Store.PutAsync(b, "1.1.1.1:2", Ct);
        Assert.Equal(b, (await events.TakeAsync(1))[0].Key);

        proxy.Refuse(true);
        proxy.DropConnections();
        await Store.DeleteAsync(a, Ct);
        var c = ServiceKeys.Address("app", "v2", "c");
        var putC = await Store.PutAsync(c, "1.1.1.1:3", Ct);
        proxy.Refuse(false);
        var caughtUp = await events.TakeAsync(2);

        Assert.Equal([(DiscoveryEventType.Delete, a), (DiscoveryEventType.Put, c)], caughtUp.Select(e => (e.Type, e.Key)));
        Assert.Equal(putC, caughtUp[1].Revision);
        Assert.True(caughtUp[0].Revision < caughtUp[1].Revision);
    }

    [Fact]
    public async Task WatchAsync_SessionExpiredMeanwhile_NewSessionCatchesUp()
    {
        await using var proxy = new TcpProxy();
        var watching = Fixture.BerthStore(proxy);
        var a = ServiceKeys.Address("app", "v1", "a");
        await Store.PutAsync(a, "1.1.1.1:1", Ct);
        await using var events = new WatchProbe(watching, Prefix, 0);
        Assert.Equal(a, (await events.TakeAsync(1))[0].Key);

        proxy.Cut();
        await Store.PutAsync(a, "1.1.1.1:7", Ct);
        await Task.Delay(TestZooKeeper.ShortSession * 2, Ct);
        proxy.Refuse(false);
        var caughtUp = await events.TakeAsync(1);

        Assert.Equal((DiscoveryEventType.Put, a, "1.1.1.1:7"), (caughtUp[0].Type, caughtUp[0].Key, caughtUp[0].Value));
    }

    [Fact]
    public async Task WatchAsync_NoMemberTakesTheClientBack_EndsWithConnectionLossBeforeTheSessionCouldExpireAndAResumeCatchesUp()
    {
        await using var proxy = new TcpProxy();
        // A session far longer than the test waits: a watch that held on until the session expired would time it out.
        var options = Fixture.Options(StoreFixture.BerthUser, StoreFixture.BerthPassword, proxy: proxy) with { SessionTimeout = TimeSpan.FromSeconds(60) };
        var watching = Fixture.Own(new ZooKeeperDiscoveryStore(options));
        var a = ServiceKeys.Address("app", "v1", "a");
        await Store.PutAsync(a, "1.1.1.1:1", Ct);
        var seen = new List<DiscoveryEvent>();

        // As when the ensemble lost its quorum: every member drops its clients and takes none back. The watch ends once
        // no member has taken the session back for WatchDisconnectedLimit (3 s), so a gateway can say it is stale.
        var watch = Task.Run(async () =>
        {
            await foreach (var change in watching.WatchAsync(Prefix, 0, Ct))
            {
                seen.Add(change);
                proxy.Cut();
            }
        }, Ct);
        var lost = await Assert.ThrowsAsync<ConnectionLossException>(() => watch.WaitAsync(TestZooKeeper.Patience, Ct));
        Assert.Contains("took the session back", lost.Message, StringComparison.Ordinal);

        await Store.PutAsync(a, "1.1.1.1:7", Ct);
        proxy.Refuse(false);
        await using var resumed = new WatchProbe(watching, Prefix, Assert.Single(seen).Revision);
        var caughtUp = await resumed.TakeAsync(1);

        Assert.Equal((DiscoveryEventType.Put, a, "1.1.1.1:7"), (caughtUp[0].Type, caughtUp[0].Key, caughtUp[0].Value));
    }

    private static bool SameState(Dictionary<string, string> state, DiscoverySnapshot final) =>
        state.Count == final.Entries.Count && final.Entries.All(e => state.TryGetValue(e.Key, out var value) && value == e.Value);
}
