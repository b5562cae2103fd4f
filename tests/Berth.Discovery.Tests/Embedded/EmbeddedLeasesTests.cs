using Berth.Core.Discovery;
using Berth.Discovery.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace Berth.Discovery.Tests.Embedded;

/// <summary>Leases and election on the embedded store, on a fake clock: expiry exactly at the TTL, never before.</summary>
public sealed class EmbeddedLeasesTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(3);

    private readonly FakeTimeProvider _clock = new();
    private readonly EmbeddedDiscoveryStore _store;

    public EmbeddedLeasesTests() => _store = new EmbeddedDiscoveryStore(_clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutEphemeralAsync_KeptAlive_OutlivesManyTtls()
    {
        await using var record = await _store.PutEphemeralAsync("/m/a", "me", Ttl, Ct);

        Advance(Ttl * 10);

        Assert.Single((await _store.GetPrefixAsync("/m/", Ct)).Entries);
    }

    [Fact]
    public async Task PutEphemeralAsync_KeepAliveAbandoned_DeletedWhenTheTtlRunsOut()
    {
        await using var record = await _store.PutEphemeralAsync("/m/a", "me", Ttl, Ct);
        Advance(Ttl / 2);

        _store.AbandonKeepAlives();
        Advance(Ttl / 2);
        var stillThere = (await _store.GetPrefixAsync("/m/", Ct)).Entries.Count;
        Advance(Ttl);

        Assert.Equal(1, stillThere);
        Assert.Empty((await _store.GetPrefixAsync("/m/", Ct)).Entries);
        Assert.Equal(
            [DiscoveryEventType.Put, DiscoveryEventType.Delete],
            (await _store.WatchAsync("/m/", 0, Ct).TakeAsync(2)).Select(e => e.Type));
    }

    [Fact]
    public async Task PutEphemeralAsync_HandleDisposed_DeletedAtOnce()
    {
        var record = await _store.PutEphemeralAsync("/m/a", "me", Ttl, Ct);

        await record.DisposeAsync();

        Assert.Empty((await _store.GetPrefixAsync("/m/", Ct)).Entries);
    }

    [Fact]
    public async Task PutAsync_OverEphemeralKey_KeyNoLongerBoundToTheLease()
    {
        var record = await _store.PutEphemeralAsync("/m/a", "me", Ttl, Ct);
        await _store.PutAsync("/m/a", "plain", Ct);

        await record.DisposeAsync();

        Assert.Equal(["plain"], (await _store.GetPrefixAsync("/m/", Ct)).Entries.Select(e => e.Value));
    }

    [Fact]
    public async Task CampaignAsync_LeaderAlive_SecondCandidateKeepsWaiting()
    {
        await using var leader = await _store.CampaignAsync("e", "a", Ttl, Ct);

        var waiting = _store.CampaignAsync("e", "b", Ttl, Ct);
        Advance(Ttl * 10);

        Assert.False(waiting.IsCompleted);
        Assert.False(leader.Lost.IsCancellationRequested);
        Assert.Equal(["a"], (await _store.GetPrefixAsync(DiscoveryKeys.Election("e"), Ct)).Entries.Select(e => e.Value));
    }

    [Fact]
    public async Task CampaignAsync_LeaderAbandoned_LostBeforeTheSuccessorIsElected()
    {
        var leader = await _store.CampaignAsync("e", "a", Ttl, Ct);
        var waiting = _store.CampaignAsync("e", "b", Ttl, Ct);
        var lostWhenSuccessorElected = waiting.ContinueWith(_ => leader.Lost.IsCancellationRequested, Ct, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        _store.AbandonKeepAlives();
        Advance(Ttl);

        await using var successor = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal("b", successor.Candidate);
        Assert.True(await lostWhenSuccessorElected);
    }

    [Fact]
    public async Task CampaignAsync_SimilarElectionName_NotAffected()
    {
        await using var leader = await _store.CampaignAsync("e", "a", Ttl, Ct);
        await using var other = await _store.CampaignAsync("e2", "b", Ttl, Ct);

        var waiting = _store.CampaignAsync("e", "c", Ttl, Ct);
        await other.DisposeAsync();
        await Task.Delay(100, Ct);

        Assert.False(waiting.IsCompleted);
    }

    private void Advance(TimeSpan by)
    {
        // Small steps, as a real clock would move: keep-alives and expiries fire in their order.
        for (var step = TimeSpan.Zero; step < by; step += TimeSpan.FromMilliseconds(100))
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }
    }
}
