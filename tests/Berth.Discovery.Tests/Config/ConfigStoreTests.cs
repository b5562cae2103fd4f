using System.Diagnostics;
using System.Security.Cryptography;
using Berth.Discovery.Config;
using Berth.Discovery.Embedded;

namespace Berth.Discovery.Tests.Config;

public sealed class ConfigStoreTests
{
    private readonly EmbeddedDiscoveryStore discovery = new();
    private readonly ConfigStore config;

    public ConfigStoreTests() => config = new ConfigStore(discovery, new SecretProtector(RandomNumberGenerator.GetBytes(32)));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetAsync_Plain_IsStoredAsIsAtTheSeedPath()
    {
        await config.SetAsync("app", "GREETING", "hi", secret: false, Token);

        var stored = Assert.Single((await discovery.GetPrefixAsync("/caas/config/app/", Token)).Entries);
        Assert.Equal(("/caas/config/app/GREETING", "hi"), (stored.Key, stored.Value));
    }

    [Fact]
    public async Task SetAsync_Secret_IsEncryptedAtRestMaskedInListsAndClearInGet()
    {
        await config.SetAsync("app", "PASSWORD", "hunter2", secret: true, Token);

        var stored = Assert.Single((await discovery.GetPrefixAsync("/caas/config/app/", Token)).Entries);
        Assert.DoesNotContain("hunter2", stored.Value);
        var listed = Assert.Single((await config.ListAsync("app", Token)).Entries);
        Assert.True(listed.Secret);
        Assert.Null(listed.Value);
        Assert.Equal("hunter2", (await config.GetAsync("app", "PASSWORD", Token))?.Value);
        Assert.Equal("hunter2", (await config.ResolveAsync("app", Token))["PASSWORD"]);
    }

    [Fact]
    public async Task SetAsync_PlainValueLookingSealed_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => config.SetAsync("app", "K", SecretProtector.Prefix + "x", secret: false, Token));

    [Fact]
    public async Task GetAsync_KeyThatIsAPrefixOfAnother_FindsOnlyItself()
    {
        await config.SetAsync("app", "KEY2", "two", secret: false, Token);

        Assert.Null(await config.GetAsync("app", "KEY", Token));
    }

    [Fact]
    public async Task ListAsync_OtherApps_AreNotIncluded()
    {
        await config.SetAsync("app", "A", "1", secret: false, Token);
        await config.SetAsync("app2", "B", "2", secret: false, Token);

        Assert.Equal(["A"], (await config.ListAsync("app", Token)).Entries.Select(e => e.Key));
    }

    [Fact]
    public async Task WaitAsync_ChangeAfterIndexAlreadyHappened_ReturnsAtOnce()
    {
        var before = await config.ListAsync("app", Token);
        await config.SetAsync("app", "A", "1", secret: false, Token);

        var clock = Stopwatch.StartNew();
        var after = await config.WaitAsync("app", before.Index, TimeSpan.FromSeconds(30), Token);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.True(after.Index > before.Index);
        Assert.Equal("1", Assert.Single(after.Entries).Value);
    }

    [Fact]
    public async Task WaitAsync_NoChangeYet_BlocksUntilTheAppsConfigChanges()
    {
        var before = await config.ListAsync("app", Token);
        var waiting = config.WaitAsync("app", before.Index, TimeSpan.FromSeconds(30), Token);
        await Task.Delay(200, Token);
        await config.SetAsync("other-app", "X", "ignored", secret: false, Token);
        await Task.Delay(200, Token);
        Assert.False(waiting.IsCompleted);

        await config.SetAsync("app", "A", "new", secret: false, Token);

        Assert.Equal("new", Assert.Single((await waiting.WaitAsync(TimeSpan.FromSeconds(5), Token)).Entries).Value);
    }

    [Fact]
    public async Task WaitAsync_NothingChanges_AnswersAfterTheWaitWithTheSameIndex()
    {
        await config.SetAsync("app", "A", "1", secret: false, Token);
        var before = await config.ListAsync("app", Token);

        var after = await config.WaitAsync("app", before.Index, TimeSpan.FromMilliseconds(300), Token);

        Assert.Equal(before.Index, after.Index);
    }

    [Fact]
    public async Task DeleteAllAsync_App_RemovesOnlyItsKeys()
    {
        await config.SetAsync("app", "A", "1", secret: false, Token);
        await config.SetAsync("app2", "B", "2", secret: false, Token);

        await config.DeleteAllAsync("app", Token);

        Assert.Empty((await config.ListAsync("app", Token)).Entries);
        Assert.Single((await config.ListAsync("app2", Token)).Entries);
    }
}
