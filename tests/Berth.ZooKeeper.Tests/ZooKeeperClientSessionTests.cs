namespace Berth.ZooKeeper.Tests;

public sealed class ZooKeeperClientSessionTests : IAsyncLifetime
{
    private TestRoot _root = null!;
    private ZooKeeperClient _observer = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _root = await TestRoot.CreateAsync();
        _observer = await TestZooKeeper.ConnectAsync(_root.ConnectString);
    }

    public async ValueTask DisposeAsync()
    {
        await _observer.DisposeAsync();
        await _root.DisposeAsync();
    }

    [Fact]
    public async Task Ephemeral_ClientDisposed_NodeGoneAtOnce()
    {
        var owner = await TestZooKeeper.ConnectAsync(_root.ConnectString);
        await owner.CreateAsync("/e", null, ZooKeeperAcl.OpenUnsafe, CreateMode.Ephemeral, Ct);
        Assert.NotNull(await _observer.ExistsAsync("/e", cancellationToken: Ct));

        await owner.DisposeAsync();

        Assert.Null(await _observer.ExistsAsync("/e", cancellationToken: Ct));
    }

    [Fact]
    public async Task Ephemeral_OwnerCutOff_NodeGoneAfterSessionTimeoutAndOwnerSeesExpiry()
    {
        await using var proxy = new TcpProxy();
        await using var owner = await TestZooKeeper.ConnectAsync(_root.Through(proxy), TestZooKeeper.ShortSession);
        var expired = new TaskCompletionSource();
        owner.StateChanged += (_, state) =>
        {
            if (state == ZooKeeperState.Expired)
            {
                expired.TrySetResult();
            }
        };
        await owner.CreateAsync("/e", null, ZooKeeperAcl.OpenUnsafe, CreateMode.Ephemeral, Ct);

        var cutAt = DateTime.UtcNow;
        proxy.Cut();

        await TestZooKeeper.EventuallyAsync(async () => await _observer.ExistsAsync("/e", cancellationToken: Ct) is null, "the ephemeral node to go");
        var gone = DateTime.UtcNow - cutAt;
        await expired.Task.WaitAsync(TestZooKeeper.Patience, Ct);
        Assert.Equal(ZooKeeperState.Expired, owner.State);
        await Assert.ThrowsAsync<SessionExpiredException>(() => owner.ExistsAsync("/e", cancellationToken: Ct));
        // The server expires the session one timeout (rounded up to its 500 ms ticks) after it last heard from it.
        Assert.InRange(gone, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Reconnect_ConnectionDropped_SameSessionAndEphemeralKept()
    {
        await using var proxy = new TcpProxy();
        await using var owner = await TestZooKeeper.ConnectAsync(_root.Through(proxy), TestZooKeeper.ShortSession);
        var states = new List<ZooKeeperState>();
        var reconnected = new TaskCompletionSource();
        owner.StateChanged += (_, state) =>
        {
            states.Add(state);
            if (state == ZooKeeperState.SyncConnected)
            {
                reconnected.TrySetResult();
            }
        };
        var sessionId = owner.SessionId;
        await owner.CreateAsync("/e", null, ZooKeeperAcl.OpenUnsafe, CreateMode.Ephemeral, Ct);

        proxy.DropConnections();
        await reconnected.Task.WaitAsync(TestZooKeeper.Patience, Ct);
        await owner.SetDataAsync("/e", "after"u8.ToArray(), cancellationToken: Ct);

        Assert.Equal([ZooKeeperState.Disconnected, ZooKeeperState.SyncConnected], states);
        Assert.Equal(sessionId, owner.SessionId);
        var stat = await _observer.ExistsAsync("/e", cancellationToken: Ct);
        Assert.Equal(sessionId, stat!.EphemeralOwner);
        Assert.Equal(1, stat.Version);
    }

    [Fact]
    public async Task Reconnect_RequestsWhileDisconnected_SentAfterReconnect()
    {
        await using var proxy = new TcpProxy();
        await using var owner = await TestZooKeeper.ConnectAsync(_root.Through(proxy), TestZooKeeper.ShortSession);
        var disconnected = new TaskCompletionSource();
        owner.StateChanged += (_, state) =>
        {
            if (state == ZooKeeperState.Disconnected)
            {
                disconnected.TrySetResult();
            }
        };

        proxy.Refuse(true);
        proxy.DropConnections();
        await disconnected.Task.WaitAsync(TestZooKeeper.Patience, Ct);
        var create = owner.CreateAsync("/queued", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await Task.Delay(200, Ct);
        Assert.False(create.IsCompleted);
        proxy.Refuse(false);

        Assert.Equal("/queued", (await create.WaitAsync(TestZooKeeper.Patience, Ct)).Path);
    }

    [Fact]
    public async Task Pings_IdleLongerThanTimeout_SessionStaysAlive()
    {
        await using var owner = await TestZooKeeper.ConnectAsync(_root.ConnectString, TestZooKeeper.ShortSession);
        await owner.CreateAsync("/e", null, ZooKeeperAcl.OpenUnsafe, CreateMode.Ephemeral, Ct);

        await Task.Delay(TestZooKeeper.ShortSession * 2, Ct);

        Assert.Equal(ZooKeeperState.SyncConnected, owner.State);
        Assert.NotNull(await _observer.ExistsAsync("/e", cancellationToken: Ct));
    }
}
