using Berth.Discovery.Embedded;

namespace Berth.Discovery.Tests.Embedded;

public sealed class DiscoveryJournalTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"berth-journal-{Guid.NewGuid():N}");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<DiscoveryJournal> OpenAsync() => await DiscoveryJournal.OpenAsync(_path, new EmbeddedDiscoveryStore(), Token);

    [Fact]
    public async Task OpenAsync_AfterWrites_RestoresPutsAndDeletes()
    {
        using (var journal = await OpenAsync())
        {
            await journal.PutAsync("/caas/config/a/K", "1", Token);
            await journal.PutAsync("/caas/config/a/K", "2", Token);
            await journal.PutAsync("/caas/apps/a", "acme", Token);
            await journal.PutAsync("/caas/apps/b", "acme", Token);
            await journal.DeleteAsync("/caas/apps/b", Token);
        }

        using var reopened = await OpenAsync();
        var entries = (await reopened.GetPrefixAsync("/caas/", Token)).Entries;
        Assert.Equal(["/caas/apps/a", "/caas/config/a/K"], entries.Select(e => e.Key));
        Assert.Equal("2", entries.Single(e => e.Key == "/caas/config/a/K").Value);
    }

    [Fact]
    public async Task OpenAsync_TransientKeys_AreNotRestored()
    {
        using (var journal = await OpenAsync())
        {
            await journal.PutAsync("/caas/members/gateway/g1", "http://127.0.0.1:1", Token);
            await journal.PutAsync("/caas/election/control-plane", "me", Token);
        }

        using var reopened = await OpenAsync();
        Assert.Empty((await reopened.GetPrefixAsync("/caas/", Token)).Entries);
    }

    [Fact]
    public async Task OpenAsync_TruncatedLastLine_KeepsEverythingBefore()
    {
        using (var journal = await OpenAsync())
        {
            await journal.PutAsync("/caas/apps/a", "acme", Token);
        }

        await File.AppendAllTextAsync(_path, "{\"op\":\"put\",\"key\":\"/caas/apps/b\",\"val", Token);

        using var reopened = await OpenAsync();
        Assert.Equal("/caas/apps/a", Assert.Single((await reopened.GetPrefixAsync("/caas/", Token)).Entries).Key);
    }

    [Fact]
    public async Task OpenAsync_ManyOverwrites_CompactsToOneLinePerKey()
    {
        using (var journal = await OpenAsync())
        {
            for (var i = 0; i < 100; i++)
            {
                await journal.PutAsync("/caas/config/a/K", $"{i}", Token);
            }
        }

        using var reopened = await OpenAsync();
        Assert.Single(await File.ReadAllLinesAsync(_path, Token));
    }

    [Fact]
    public async Task WatchAsync_ThroughTheJournal_SeesWrites()
    {
        using var journal = await OpenAsync();
        var watch = journal.WatchAsync("/caas/", 0, Token).GetAsyncEnumerator(Token);

        await journal.PutAsync("/caas/apps/a", "acme", Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal("/caas/apps/a", watch.Current.Key);
        await watch.DisposeAsync();
    }

    public void Dispose() => File.Delete(_path);
}
