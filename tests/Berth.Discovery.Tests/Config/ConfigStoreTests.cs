using System.Diagnostics;
using System.Security.Cryptography;
using Berth.Discovery.Config;
using Berth.Discovery.Embedded;

namespace Berth.Discovery.Tests.Config;

public sealed class ConfigStoreTests
{
    private readonly EmbeddedDiscoveryStore _discovery = new();
    private readonly ConfigStore _config;

    public ConfigStoreTests() => _config = new ConfigStore(_discovery, new SecretProtector(RandomNumberGenerator.GetBytes(32)));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetAsync_Plain_IsStoredAsIsAtTheSeedPath()
    {
        await _config.SetAsync("app", "GREETING", "hi", secret: false, Token);

        var stored = Assert.Single((await _discovery.GetPrefixAsync("/caas/config/app/", Token)).Entries);
        Assert.Equal(("/caas/config/app/GREETING", "hi"), (stored.Key, stored.Value));
    }

    [Fact]
    public async Task SetAsync_Secret_IsEncryptedAtRestMaskedInListsAndClearInGet()
    {
        await _config.SetAsync("app", "PASSWORD", "hunter2", secret: true, Token);

        var stored = Assert.Single((await _discovery.GetPrefixAsync("/caas/config/app/", Token)).Entries);
        Assert.DoesNotContain("hunter2", stored.Value);
        var listed = Assert.Single((await _config.ListAsync("app", Token)).Entries);
        Assert.True(listed.Secret);
        Assert.Null(listed.Value);
        Assert.Equal("hunter2", (await _config.GetAsync("app", "PASSWORD", Token))?.Value);
        Assert.Equal("hunter2", (await _config.ResolveAsync("app", Token))["PASSWORD"]);
    }

    [Fact]
    public async Task SetAsync_PlainValueLookingSealed_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _config.SetAsync("app", "K", SecretProtector.Prefix + "x", secret: false, Token));

    [Fact]
    public async Task GetAsync_KeyThatIsAPrefixOfAnother_FindsOnlyItself()
    {
        await _config.SetAsync("app", "KEY2", "two", secret: false, Token);

        Assert.Null(await _config.GetAsync("app", "KEY", Token));
    }

    [Fact]
    public async Task ListAsync_OtherApps_AreNotIncluded()
    {
        await _config.SetAsync("app", "A", "1", secret: false, Token);
        await _config.SetAsync("app2", "B", "2", secret: false, Token);

        Assert.Equal(["A"], (await _config.ListAsync("app", Token)).Entries.Select(e => e.Key));
    }

    [Fact]
    public async Task WaitAsync_ChangeAfterIndexAlreadyHappened_ReturnsAtOnce()
    {
        var before = await _config.ListAsync("app", Token);
        await _config.SetAsync("app", "A", "1", secret: false, Token);

        var clock = Stopwatch.StartNew();
        var after = await _config.WaitAsync("app", before.Index, TimeSpan.FromSeconds(30), Token);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.True(after.Index > before.Index);
        Assert.Equal("1", Assert.Single(after.Entries).Value);
    }

    [Fact]
    public async Task WaitAsync_NoChangeYet_BlocksUntilTheAppsConfigChanges()
    {
        var before = await _config.ListAsync("app", Token);
        var waiting = _config.WaitAsync("app", before.Index, TimeSpan.FromSeconds(30), Token);
        await Task.Delay(200, Token);
        await _config.SetAsync("other-app", "X", "ignored", secret: false, Token);
        await Task.Delay(200, Token);
        Assert.False(waiting.IsCompleted);

        await _config.SetAsync("app", "A", "new", secret: false, Token);

        Assert.Equal("new", Assert.Single((await waiting.WaitAsync(TimeSpan.FromSeconds(5), Token)).Entries).Value);
    }

    [Fact]
    public async Task WaitAsync_NothingChanges_AnswersAfterTheWaitWithTheSameIndex()
    {
        await _config.SetAsync("app", "A", "1", secret: false, Token);
        var before = await _config.ListAsync("app", Token);

        var after = await _config.WaitAsync("app", before.Index, TimeSpan.FromMilliseconds(300), Token);

        Assert.Equal(before.Index, after.Index);
    }

    [Fact]
    public async Task DeleteAllAsync_App_RemovesOnlyItsKeys()
    {
        await _config.SetAsync("app", "A", "1", secret: false, Token);
        await _config.SetAsync("app2", "B", "2", secret: false, Token);

        await _config.DeleteAllAsync("app", Token);

        Assert.Empty((await _config.ListAsync("app", Token)).Entries);
        Assert.Single((await _config.ListAsync("app2", Token)).Entries);
    }
}
