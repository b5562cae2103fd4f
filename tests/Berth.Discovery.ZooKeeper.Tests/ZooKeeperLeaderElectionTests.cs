using Berth.ZooKeeper.Tests;

namespace Berth.Discovery.ZooKeeper.Tests;

public sealed class ZooKeeperLeaderElectionTests : StoreTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task CampaignAsync_TwoCandidates_OneLeadsTheOtherTakesOverWhenItResigns()
    {
        var first = Fixture.BerthStore();
        var second = Fixture.BerthStore();

        var leader = await first.CampaignAsync("reconcile", "cp1", Ttl, Ct);
        var waiting = second.CampaignAsync("reconcile", "cp2", Ttl, Ct);
        await Task.Delay(500, Ct);
        Assert.False(waiting.IsCompleted);

        await leader.DisposeAsync();
        var next = await waiting.WaitAsync(TestZooKeeper.Patience, Ct);

        Assert.Equal("cp1", leader.Candidate);
        Assert.True(leader.Lost.IsCancellationRequested);
        Assert.Equal("cp2", next.Candidate);
        Assert.False(next.Lost.IsCancellationRequested);
        await next.DisposeAsync();
    }

    [Fact]
    public async Task CampaignAsync_LeaderDies_LosesLeadBeforeTheNextTakesOver()
    {
        await using var proxy = new TcpProxy();
        var doomed = Fixture.BerthStore(proxy);
        var survivor = Fixture.BerthStore();
        var leader = await doomed.CampaignAsync("health", "cp1", Ttl, Ct);
        var lostAt = DateTime.MaxValue;
        leader.Lost.Register(() => lostAt = DateTime.UtcNow);
        var waiting = survivor.CampaignAsync("health", "cp2", Ttl, Ct);
        await Task.Delay(300, Ct);

        proxy.Cut();
        var next = await waiting.WaitAsync(TestZooKeeper.Patience, Ct);
        var electedAt = DateTime.UtcNow;

        Assert.Equal("cp2", next.Candidate);
        Assert.True(leader.Lost.IsCancellationRequested);
        // Never two leaders at once: cut off for half the TTL, the old one steps down; the server waits a whole TTL.
        Assert.True(lostAt < electedAt - Ttl / 4, $"lost at {lostAt:O}, next elected at {electedAt:O}");
    }

    [Fact]
    public async Task Leadership_BriefConnectionDrop_Kept()
    {
        await using var proxy = new TcpProxy();
        var leader = await Fixture.BerthStore(proxy).CampaignAsync("blip", "cp1", TimeSpan.FromSeconds(4), Ct);
        var waiting = Fixture.BerthStore().CampaignAsync("blip", "cp2", TimeSpan.FromSeconds(4), Ct);

        proxy.DropConnections();
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        Assert.False(leader.Lost.IsCancellationRequested);
        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public async Task CampaignAsync_ManyCandidates_ExactlyOneLeadsAtATime()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Fixture.BerthStore()).ToList();
        var campaigns = stores.Select((store, i) => store.CampaignAsync("many", $"cp{i}", Ttl, Ct)).ToList();

        for (var round = 0; round < stores.Count; round++)
        {
            var won = await Task.WhenAny(campaigns).WaitAsync(TestZooKeeper.Patience, Ct);
            await Task.Delay(200, Ct);
            Assert.Equal(1, campaigns.Count(c => c.IsCompleted));
            campaigns.Remove(won);
            await (await won).DisposeAsync();
        }
    }

    [Fact]
    public async Task CampaignAsync_Cancelled_WithdrawsTheCandidate()
    {
        var leader = await Fixture.BerthStore().CampaignAsync("cancel", "cp1", Ttl, Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var withdrawn = Fixture.BerthStore().CampaignAsync("cancel", "cp2", Ttl, cancel.Token);
        var third = Fixture.BerthStore().CampaignAsync("cancel", "cp3", Ttl, Ct);
        await Task.Delay(300, Ct);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        await leader.DisposeAsync();

        Assert.Equal("cp3", (await third.WaitAsync(TestZooKeeper.Patience, Ct)).Candidate);
    }
}
