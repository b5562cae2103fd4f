using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Berth.Core.Discovery;
using Berth.Discovery.Config;

namespace Berth.Discovery.Tests.Contract;

/// <summary>
/// What every discovery backend must do, run against each one (embedded, etcd, ZooKeeper). A subclass says how to
/// connect a client, how to connect a second independent client to the same backend, and how to kill a client
/// abruptly (no goodbye: its leases simply stop being kept alive). Every test writes under keys of its own, so the
/// suite runs beside other tests on a shared server.
/// </summary>
public abstract class DiscoveryStoreContractTests<TClient> : IAsyncLifetime
    where TClient : class, IDiscoveryStore, IDiscoveryLeases, ILeaderElection
{
    private readonly List<TClient> _clients = [];
    private readonly string _id = Guid.NewGuid().ToString("N")[..12];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The TTL of ephemeral keys and leaderships in these tests; backends may round it up.</summary>
    protected virtual TimeSpan Ttl => TimeSpan.FromSeconds(2);

    /// <summary>How long past the TTL a backend may take to notice an expiry (etcd checks leases every 500 ms).</summary>
    protected virtual TimeSpan ExpirySlack => TimeSpan.FromSeconds(4);

    /// <summary>A test's own corner of the key space.</summary>
    private string Root => $"/caas/contract-{_id}/";

    /// <summary>App ids of this test (valid app ids, unique per test).</summary>
    private string App(string name) => $"{name}-{_id}";

    private TClient Client => _clients[0];

    public async ValueTask InitializeAsync() => _clients.Add(await ConnectAsync());

    public async ValueTask DisposeAsync()
    {
        // Clean up through a fresh client: the first one may have been killed by the test.
        var cleaner = await ConnectAnotherAsync(Client);
        foreach (var prefix in new[] { Root, ServiceKeys.AppPrefix(App("app")), ServiceKeys.AppPrefix(App("other")), DiscoveryKeys.ConfigPrefix(App("app")) })
        {
            foreach (var entry in (await cleaner.GetPrefixAsync(prefix, CancellationToken.None)).Entries)
            {
                await cleaner.DeleteAsync(entry.Key, CancellationToken.None);
            }
        }

        foreach (var client in _clients.Append(cleaner))
        {
            await ReleaseAsync(client);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task PutAsync_ThenGetAndDelete_RoundTripsWithRevisions()
    {
        var first = await Client.PutAsync(Root + "k", "one", Ct);
        var second = await Client.PutAsync(Root + "k", "two", Ct);

        var snapshot = await Client.GetPrefixAsync(Root, Ct);
        Assert.True(second > first);
        Assert.Equal([new DiscoveryEntry(Root + "k", "two", second)], snapshot.Entries);
        Assert.True(snapshot.Revision >= second);

        Assert.True(await Client.DeleteAsync(Root + "k", Ct));
        Assert.False(await Client.DeleteAsync(Root + "k", Ct));
        Assert.Empty((await Client.GetPrefixAsync(Root, Ct)).Entries);
    }

    [Fact]
    public async Task GetPrefixAsync_SiblingPrefixes_OnlyItsOwnKeysInKeyOrder()
    {
        await Client.PutAsync(Root + "a/app2/x", "2", Ct);
        await Client.PutAsync(Root + "a/app/z", "1z", Ct);
        await Client.PutAsync(Root + "a/app", "bare", Ct);
        await Client.PutAsync(Root + "a/app/y", "1y", Ct);

        var snapshot = await Client.GetPrefixAsync(Root + "a/app/", Ct);

        Assert.Equal([Root + "a/app/y", Root + "a/app/z"], snapshot.Entries.Select(e => e.Key));
        Assert.Equal(["1y", "1z"], snapshot.Entries.Select(e => e.Value));
    }

    [Fact]
    public async Task ServiceRegistry_RegisterListDeregister_UsesTheAddressLayout()
    {
        var registry = new ServiceRegistry(Client);
        await registry.RegisterAsync(App("app"), "v1", "c2", "10.0.0.2:8080", Ct);
        await registry.RegisterAsync(App("app"), "v2", "c1", "10.0.0.1:8080", Ct);
        await registry.RegisterAsync(App("other"), "v1", "c9", "10.0.0.9:8080", Ct);

        var instances = await new ServiceRegistry(await ConnectAnotherAsync(Client)).ListAsync(App("app"), Ct);

        Assert.Equal(
            [new ServiceInstance(App("app"), "v1", "c2", "10.0.0.2:8080"), new ServiceInstance(App("app"), "v2", "c1", "10.0.0.1:8080")],
            instances);
        var raw = await Client.GetPrefixAsync(ServiceKeys.AppPrefix(App("app")), Ct);
        Assert.Equal(ServiceKeys.Address(App("app"), "v1", "c2"), raw.Entries[0].Key);

        Assert.True(await registry.DeregisterAsync(App("app"), "v1", "c2", Ct));
        Assert.Equal(["c1"], (await registry.ListAsync(App("app"), Ct)).Select(i => i.ContainerId));
    }

    [Fact]
    public async Task WatchAsync_FourConcurrentWriters_EveryChangeOnceInRevisionOrder()
    {
        const int Writers = 4, PerWriter = 250;
        var start = (await Client.GetPrefixAsync(Root, Ct)).Revision;
        var watcher = await ConnectAnotherAsync(Client);
        var watch = watcher.WatchAsync(Root, start, Ct).TakeAsync(Writers * PerWriter);
        var written = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(
            async () =>
            {
                for (var i = 0; i < PerWriter; i++)
                {
                    written.Add(await Client.PutAsync($"{Root}w{w}/{i:D3}", $"{w}:{i}", Ct));
                }
            },
            Ct)));

        var events = await watch;
        var revisions = events.Select(e => e.Revision).ToList();
        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(written.Order(), revisions);
        for (var w = 0; w < Writers; w++)
        {
            // Each writer's own changes arrive in the order it made them.
            Assert.Equal(
                Enumerable.Range(0, PerWriter).Select(i => $"{w}:{i}"),
                events.Where(e => e.Key.StartsWith($"{Root}w{w}/", StringComparison.Ordinal)).Select(e => e.Value));
        }
    }

    [Fact]
    public async Task WatchAsync_StoppedThenResumedFromLastRevision_MissesNothing()
    {
        var start = (await Client.GetPrefixAsync(Root, Ct)).Revision;
        var watcher = await ConnectAnotherAsync(Client);
        using var firstWatch = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var firstEvents = watcher.WatchAsync(Root, start, firstWatch.Token).TakeAsync(5);
        for (var i = 0; i < 5; i++)
        {
            await Client.PutAsync($"{Root}r/{i}", "before", Ct);
        }

        var seen = await firstEvents;
        await firstWatch.CancelAsync();

        // Changes made while nobody watches, including a delete.
        await Client.DeleteAsync($"{Root}r/0", Ct);
        for (var i = 5; i < 10; i++)
        {
            await Client.PutAsync($"{Root}r/{i}", "while-away", Ct);
        }

        var resumed = await watcher.WatchAsync(Root, seen[^1].Revision, Ct).TakeAsync(6);

        Assert.Equal(DiscoveryEventType.Delete, resumed[0].Type);
        Assert.Equal($"{Root}r/0", resumed[0].Key);
        Assert.Equal(Enumerable.Range(5, 5).Select(i => $"{Root}r/{i}"), resumed.Skip(1).Select(e => e.Key));
        Assert.True(resumed[0].Revision > seen[^1].Revision);
    }

    [Fact]
    public async Task PutEphemeralAsync_OwnerAlive_KeyOutlivesTheTtl()
    {
        await using var record = await Client.PutEphemeralAsync(Root + "members/alive", "me", Ttl, Ct);

        await Task.Delay(Ttl * 2, Ct);

        Assert.Equal(["me"], (await Client.GetPrefixAsync(Root + "members/", Ct)).Entries.Select(e => e.Value));
    }

    [Fact]
    public async Task PutEphemeralAsync_OwnerDies_KeyDisappearsWithinTtl()
    {
        var owner = await ConnectAnotherAsync(Client);
        var key = Root + "members/doomed";
        await owner.PutEphemeralAsync(key, "me", Ttl, Ct);
        var revision = (await Client.GetPrefixAsync(key, Ct)).Revision;
        var gone = Client.WaitForDeleteAsync(key, revision, Ct);

        var clock = Stopwatch.StartNew();
        await KillAsync(owner);
        await gone.WaitAsync(Ttl + ExpirySlack, Ct);

        Assert.Empty((await Client.GetPrefixAsync(key, Ct)).Entries);
        Assert.True(clock.Elapsed < Ttl + ExpirySlack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task PutEphemeralAsync_HandleDisposed_KeyDeletedAtOnce()
    {
        var record = await Client.PutEphemeralAsync(Root + "members/leaving", "me", TimeSpan.FromSeconds(30), Ct);

        await record.DisposeAsync();

        Assert.Empty((await Client.GetPrefixAsync(Root + "members/", Ct)).Entries);
    }

    [Fact]
    public async Task CampaignAsync_LeaderDies_WaitingCandidateTakesOverWithinTtl()
    {
        var first = await ConnectAnotherAsync(Client);
        var second = await ConnectAnotherAsync(Client);
        var leadership = await first.CampaignAsync(_id, "first", Ttl, Ct);
        var waiting = second.CampaignAsync(_id, "second", Ttl, Ct);

        await Task.Delay(Ttl, Ct);
        Assert.False(waiting.IsCompleted, "a second leader was elected while the first one was alive");
        Assert.False(leadership.Lost.IsCancellationRequested);

        var clock = Stopwatch.StartNew();
        await KillAsync(first);
        await using var successor = await waiting.WaitAsync(Ttl + ExpirySlack, Ct);

        Assert.Equal("second", successor.Candidate);
        Assert.False(successor.Lost.IsCancellationRequested);
        Assert.True(clock.Elapsed < Ttl + ExpirySlack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task CampaignAsync_LeaderResigns_NextCandidateLeadsAtOnce()
    {
        var other = await ConnectAnotherAsync(Client);
        var leadership = await Client.CampaignAsync(_id, "first", TimeSpan.FromSeconds(30), Ct);
        var waiting = other.CampaignAsync(_id, "second", TimeSpan.FromSeconds(30), Ct);

        await leadership.DisposeAsync();
        await using var successor = await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.True(leadership.Lost.IsCancellationRequested);
        Assert.Equal("second", successor.Candidate);
    }

    [Fact]
    public async Task CampaignAsync_CandidatesTakingTurns_NeverTwoLeadersAtOnce()
    {
        const int Candidates = 3, Terms = 3;
        var leaders = 0;
        var most = 0;
        var order = new ConcurrentQueue<string>();

        async Task RunAsync(TClient client, string name)
        {
            for (var term = 0; term < Terms; term++)
            {
                await using var leadership = await client.CampaignAsync(_id, name, Ttl, Ct);
                var now = Interlocked.Increment(ref leaders);
                InterlockedMax(ref most, now);
                order.Enqueue(name);
                await Task.Delay(30, Ct);
                Assert.False(leadership.Lost.IsCancellationRequested);
                Interlocked.Decrement(ref leaders);
            }
        }

        var clients = new List<TClient>();
        for (var i = 0; i < Candidates; i++)
        {
            clients.Add(await ConnectAnotherAsync(Client));
        }

        await Task.WhenAll(clients.Select((c, i) => Task.Run(() => RunAsync(c, $"c{i}"), Ct)));

        Assert.Equal(1, most);
        Assert.Equal(Candidates * Terms, order.Count);
    }

    [Fact]
    public async Task WatchAsync_FromCompactedRevision_ThrowsCompacted()
    {
        var old = await Client.PutAsync(Root + "c/old", "x", Ct);
        await Client.PutAsync(Root + "c/new", "y", Ct);

        // No further than needed: on a shared server, compaction is felt by every watcher that resumes from before it.
        if (!await TryCompactAsync(Client, old + 1))
        {
            Assert.Skip("this backend keeps no revision history to compact");
        }

        var error = await Assert.ThrowsAsync<DiscoveryHistoryCompactedException>(
            () => Client.WatchAsync(Root, old - 1, Ct).TakeAsync(1));

        Assert.Equal(old - 1, error.RequestedRevision);
        Assert.True(error.CompactedRevision >= old);
    }

    [Fact]
    public async Task Config_BlockingQueryOnAnotherClient_WakesOnChangeWithTheSecretSealed()
    {
        var protector = new SecretProtector(RandomNumberGenerator.GetBytes(32));
        var writer = new ConfigStore(Client, protector);
        var reader = new ConfigStore(await ConnectAnotherAsync(Client), protector);
        var app = App("app");
        var before = await reader.ListAsync(app, Ct);
        var waiting = reader.WaitAsync(app, before.Index, TimeSpan.FromSeconds(20), Ct);
        await Task.Delay(300, Ct);
        Assert.False(waiting.IsCompleted);

        await writer.SetAsync(app, "PASSWORD", "hunter2", secret: true, Ct);

        var listed = Assert.Single((await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Entries);
        Assert.True(listed.Secret);
        Assert.Null(listed.Value);
        Assert.DoesNotContain("hunter2", Assert.Single((await Client.GetPrefixAsync(DiscoveryKeys.ConfigPrefix(app), Ct)).Entries).Value);
        Assert.Equal("hunter2", (await reader.GetAsync(app, "PASSWORD", Ct))?.Value);
    }

    /// <summary>A client to the backend under test (a fresh backend, or the shared server).</summary>
    protected abstract Task<TClient> ConnectAsync();

    /// <summary>A second client, independent of <paramref name="client"/>, to the same backend; released after the test.</summary>
    protected async Task<TClient> ConnectAnotherAsync(TClient client)
    {
        var another = await ConnectToSameBackendAsync(client);
        _clients.Add(another);
        return another;
    }

    /// <summary>A new client to the backend <paramref name="client"/> talks to.</summary>
    protected abstract Task<TClient> ConnectToSameBackendAsync(TClient client);

    /// <summary>Kills the client abruptly: no resignation, no revocation; its leases are no longer kept alive.</summary>
    protected abstract Task KillAsync(TClient client);

    /// <summary>Drops the history up to <paramref name="revision"/>; false when the backend has no such history.</summary>
    protected abstract Task<bool> TryCompactAsync(TClient client, long revision);

    /// <summary>Releases a client after the test (killed ones included).</summary>
    protected abstract ValueTask ReleaseAsync(TClient client);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
