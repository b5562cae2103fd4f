using Berth.Core.Discovery;
using Berth.Discovery.Embedded;

namespace Berth.Discovery.Tests.Embedded;

public sealed class EmbeddedDiscoveryStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutAsync_NewKeys_RevisionsIncreaseByOne()
    {
        var store = new EmbeddedDiscoveryStore();

        var first = await store.PutAsync("/a/1", "x", Ct);
        var second = await store.PutAsync("/a/2", "y", Ct);

        Assert.Equal(1, first);
        Assert.Equal(2, second);
        Assert.Equal(2, store.Revision);
    }

    [Fact]
    public async Task PutAsync_SameValue_StillBumpsRevisionAndEmitsEvent()
    {
        var store = new EmbeddedDiscoveryStore();
        await store.PutAsync("/a/1", "x", Ct);

        var revision = await store.PutAsync("/a/1", "x", Ct);
        var events = await store.WatchAsync("/a/", 0, Ct).TakeAsync(2);

        Assert.Equal(2, revision);
        Assert.Equal([1L, 2L], events.Select(e => e.Revision));
        Assert.Equal(2, (await store.GetPrefixAsync("/a/", Ct)).Entries.Single().Revision);
    }

    [Fact]
    public async Task GetPrefixAsync_MixedKeys_ReturnsOnlyPrefixInKeyOrderWithModRevisions()
    {
        var store = new EmbeddedDiscoveryStore();
        await store.PutAsync("/caas/service/address/app/v1/b", "1.1.1.1:2", Ct);
        await store.PutAsync("/caas/service/address/app2/v1/a", "2.2.2.2:2", Ct);
        await store.PutAsync("/caas/service/address/app/v1/a", "1.1.1.1:1", Ct);
        await store.PutAsync("/caas/service/address/ap", "x", Ct);

        var snapshot = await store.GetPrefixAsync(ServiceKeys.AppPrefix("app"), Ct);

        Assert.Equal(4, snapshot.Revision);
        Assert.Equal(
            [new DiscoveryEntry("/caas/service/address/app/v1/a", "1.1.1.1:1", 3), new DiscoveryEntry("/caas/service/address/app/v1/b", "1.1.1.1:2", 1)],
            snapshot.Entries);
    }

    [Fact]
    public async Task GetPrefixAsync_EmptyStore_EmptyAtRevisionZero()
    {
        var snapshot = await new EmbeddedDiscoveryStore().GetPrefixAsync("/", Ct);

        Assert.Empty(snapshot.Entries);
        Assert.Equal(0, snapshot.Revision);
    }

    [Fact]
    public async Task DeleteAsync_ExistingKey_RemovesAndBumpsRevision()
    {
        var store = new EmbeddedDiscoveryStore();
        await store.PutAsync("/a/1", "x", Ct);

        Assert.True(await store.DeleteAsync("/a/1", Ct));

        var snapshot = await store.GetPrefixAsync("/a/", Ct);
        Assert.Empty(snapshot.Entries);
        Assert.Equal(2, snapshot.Revision);
    }

    [Fact]
    public async Task DeleteAsync_MissingKey_FalseAndNoEvent()
    {
        var store = new EmbeddedDiscoveryStore();
        await store.PutAsync("/a/1", "x", Ct);

        Assert.False(await store.DeleteAsync("/a/2", Ct));
        await store.PutAsync("/a/3", "z", Ct);

        var events = await store.WatchAsync("/a/", 0, Ct).TakeAsync(2);
        Assert.Equal(2, store.Revision);
        Assert.Equal(["/a/1", "/a/3"], events.Select(e => e.Key));
    }

    [Fact]
    public async Task WatchAsync_AfterRevision_ReplaysThenStreamsLive()
    {
        var store = new EmbeddedDiscoveryStore();
        await store.PutAsync("/a/1", "x", Ct);
        await store.PutAsync("/a/2", "y", Ct);
        await store.DeleteAsync("/a/1", Ct);
        var watch = store.WatchAsync("/a/", 1, Ct).TakeAsync(4);

        await store.PutAsync("/a/3", "z", Ct);
        await store.PutAsync("/a/2", "w", Ct);

        Assert.Equal(
            [
                new DiscoveryEvent(DiscoveryEventType.Put, "/a/2", "y", 2),
                new DiscoveryEvent(DiscoveryEventType.Delete, "/a/1", null, 3),
                new DiscoveryEvent(DiscoveryEventType.Put, "/a/3", "z", 4),
                new DiscoveryEvent(DiscoveryEventType.Put, "/a/2", "w", 5),
            ],
            await watch);
    }

    [Fact]
    public async Task WatchAsync_ConcurrentWriters_SeesEveryEventInRevisionOrder()
    {
        const int Writers = 4, PerWriter = 250;
        var store = new EmbeddedDiscoveryStore();
        await store.PutAsync("/w/seed", "0", Ct);
        var watch = store.WatchAsync("/w/", 0, Ct).TakeAsync(1 + (Writers * PerWriter));

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(
            async () =>
            {
                for (var i = 0; i < PerWriter; i++)
                {
                    await store.PutAsync($"/w/{w}/{i}", "v", Ct);
                }
            },
            Ct)));

        var events = await watch;
        Assert.Equal(Enumerable.Range(1, 1 + (Writers * PerWriter)).Select(r => (long)r), events.Select(e => e.Revision));
        Assert.Equal(1 + (Writers * PerWriter), events.Select(e => e.Key).Distinct().Count());
    }

    [Fact]
    public async Task WatchAsync_SubscribedWhileWriting_NoGapBetweenReplayAndLive()
    {
        var store = new EmbeddedDiscoveryStore();
        var writer = Task.Run(
            async () =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    await store.PutAsync($"/g/{i}", "v", Ct);
                }
            },
            Ct);
        await Task.Delay(1, Ct);

        var events = await store.WatchAsync("/g/", 0, Ct).TakeAsync(2_000);
        await writer;

        Assert.Equal(Enumerable.Range(1, 2_000).Select(r => (long)r), events.Select(e => e.Revision));
    }

    [Fact]
    public async Task WatchAsync_SiblingPrefix_OnlyKeysUnderItsOwnPrefix()
    {
        var store = new EmbeddedDiscoveryStore();
        var watch = store.WatchAsync(ServiceKeys.AppPrefix("app"), 0, Ct).TakeAsync(2);

        await store.PutAsync(ServiceKeys.Address("app2", "v1", "c1"), "1.1.1.1:1", Ct);
        await store.PutAsync(ServiceKeys.Address("app", "v1", "c1"), "1.1.1.1:2", Ct);
        await store.PutAsync("/caas/service/address/app", "x", Ct);
        await store.DeleteAsync(ServiceKeys.Address("app2", "v1", "c1"), Ct);
        await store.DeleteAsync(ServiceKeys.Address("app", "v1", "c1"), Ct);

        var events = await watch;
        Assert.All(events, e => Assert.Equal(ServiceKeys.Address("app", "v1", "c1"), e.Key));
        Assert.Equal([DiscoveryEventType.Put, DiscoveryEventType.Delete], events.Select(e => e.Type));
    }

    [Fact]
    public async Task WatchAsync_RevisionOlderThanHistory_ThrowsCompacted()
    {
        var store = new EmbeddedDiscoveryStore(historyLimit: 3);
        for (var i = 0; i < 5; i++)
        {
            await store.PutAsync($"/c/{i}", "v", Ct);
        }

        var error = await Assert.ThrowsAsync<DiscoveryHistoryCompactedException>(() => store.WatchAsync("/c/", 1, Ct).TakeAsync(1));

        Assert.Equal(1, error.RequestedRevision);
        Assert.Equal(2, error.CompactedRevision);
    }

    [Fact]
    public async Task WatchAsync_OldestRetainedRevision_ReplaysRetainedHistory()
    {
        var store = new EmbeddedDiscoveryStore(historyLimit: 3);
        for (var i = 0; i < 5; i++)
        {
            await store.PutAsync($"/c/{i}", "v", Ct);
        }

        var events = await store.WatchAsync("/c/", 2, Ct).TakeAsync(3);

        Assert.Equal([3L, 4L, 5L], events.Select(e => e.Revision));
    }

    [Fact]
    public async Task WatchAsync_WatcherFallsBeyondHistory_ThrowsCompactedAfterQueuedEvents()
    {
        var store = new EmbeddedDiscoveryStore(historyLimit: 2);
        await using var watch = store.WatchAsync("/s/", 0, Ct).GetAsyncEnumerator(Ct);
        await store.PutAsync("/s/1", "v", Ct);
        Assert.True(await watch.MoveNextAsync());

        for (var i = 2; i <= 5; i++)
        {
            await store.PutAsync($"/s/{i}", "v", Ct);
        }

        Assert.True(await watch.MoveNextAsync());
        Assert.True(await watch.MoveNextAsync());
        await Assert.ThrowsAsync<DiscoveryHistoryCompactedException>(async () => await watch.MoveNextAsync());
    }

    [Fact]
    public async Task WatchAsync_Cancelled_StopsWithCancellation()
    {
        var store = new EmbeddedDiscoveryStore();
        using var cancel = new CancellationTokenSource();
        var watch = store.WatchAsync("/a/", 0, cancel.Token).TakeAsync(1);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch);
    }
}
