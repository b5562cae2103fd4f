using System.Net;
using Berth.Core.Discovery;
using Berth.Discovery.Etcd;

namespace Berth.Discovery.Tests.Etcd;

/// <summary>The etcd client when connections break or members are missing, against the real plain member.</summary>
public sealed class EtcdConnectionFailureTests : IAsyncDisposable
{
    private readonly string _root = $"/caas/failures-{Guid.NewGuid():N}/";
    private readonly TcpProxy _proxy = new(new IPEndPoint(IPAddress.Loopback, 2379));
    private readonly EtcdDiscoveryStore _direct = new(EtcdTestServers.Plain());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WatchAsync_StreamCut_WatchesAgainAndMissesNothing()
    {
        var options = EtcdTestServers.Plain();
        options.Endpoints = [_proxy.Url];
        using var viaProxy = new EtcdDiscoveryStore(options);
        var start = (await _direct.GetPrefixAsync(_root, Ct)).Revision;
        await using var watch = viaProxy.WatchAsync(_root, start, Ct).GetAsyncEnumerator(Ct);
        var received = new List<DiscoveryEvent>();
        var written = new List<long>();

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                written.Add(await _direct.PutAsync($"{_root}{round}/{i}", "v", Ct));
            }

            while (received.Count < written.Count)
            {
                Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), Ct));
                received.Add(watch.Current);
            }

            _proxy.Cut();
            // Writes while the watcher is cut off must reach it once it is back.
            written.Add(await _direct.PutAsync($"{_root}{round}/gap", "v", Ct));
        }

        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), Ct));
        received.Add(watch.Current);
        Assert.Equal(written, received.Select(e => e.Revision));
    }

    [Fact]
    public async Task PutEphemeralAsync_KeepAliveStreamCut_KeyStaysPastTheTtl()
    {
        var options = EtcdTestServers.Plain();
        options.Endpoints = [_proxy.Url];
        using var viaProxy = new EtcdDiscoveryStore(options);
        await using var record = await viaProxy.PutEphemeralAsync(_root + "member", "me", TimeSpan.FromSeconds(3), Ct);

        for (var i = 0; i < 3; i++)
        {
            _proxy.Cut();
            await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        }

        Assert.Single((await _direct.GetPrefixAsync(_root, Ct)).Entries);
    }

    [Fact]
    public async Task CampaignAsync_LeaderCutOff_LosesLeadershipBeforeTheSuccessorIsElected()
    {
        var election = $"cut-{Guid.NewGuid():N}";
        var options = EtcdTestServers.Plain();
        options.Endpoints = [_proxy.Url];
        using var viaProxy = new EtcdDiscoveryStore(options);
        var leader = await viaProxy.CampaignAsync(election, "cut-off", TimeSpan.FromSeconds(2), Ct);
        var waiting = _direct.CampaignAsync(election, "successor", TimeSpan.FromSeconds(2), Ct);
        var lostWhenSuccessorElected = waiting.ContinueWith(
            _ => leader.Lost.IsCancellationRequested, Ct, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // A partition: the leader's connections die and no new one gets through; its lease runs out on the server.
        await _proxy.DisposeAsync();
        await using var successor = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("successor", successor.Candidate);
        Assert.True(await lostWhenSuccessorElected, "the cut-off leader still believed it led when the successor was elected");
    }

    [Fact]
    public async Task Endpoints_OneMemberDown_UsesTheOther()
    {
        var options = EtcdTestServers.Plain();
        await using (var closed = new TcpProxy(new IPEndPoint(IPAddress.Loopback, 2379)))
        {
            // A port that was ours a moment ago and now refuses connections.
            options.Endpoints = [closed.Url, "http://127.0.0.1:2379"];
        }

        using var store = new EtcdDiscoveryStore(options);
        for (var i = 0; i < 4; i++)
        {
            await store.PutAsync($"{_root}{i}", "v", Ct);
        }

        Assert.Equal(4, (await store.GetPrefixAsync(_root, Ct)).Entries.Count);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in (await _direct.GetPrefixAsync(_root, CancellationToken.None)).Entries)
        {
            await _direct.DeleteAsync(entry.Key, CancellationToken.None);
        }

        _direct.Dispose();
        await _proxy.DisposeAsync();
    }
}
