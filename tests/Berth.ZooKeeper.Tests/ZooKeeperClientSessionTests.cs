namespace Berth.ZooKeeper.Tests;

public sealed class ZooKeeperClientSessionTests : RootedTests
{
    [Fact]
    public async Task Ephemeral_ClientDisposed_NodeGoneAtOnce()
    {
        var owner = await TestZooKeeper.ConnectAsync(Root.ConnectString);
        await owner.CreateAsync("/e", null, ZooKeeperAcl.OpenUnsafe, CreateMode.Ephemeral, Ct);
        Assert.NotNull(await Client.ExistsAsync("/e", cancellationToken: Ct));

        await owner.DisposeAsync();

        Assert.Null(await Client.ExistsAsync("/e", cancellationToken: Ct));
    }

    [Fact]
    public async Task Ephemeral_OwnerCutOff_NodeGoneAfterSessionTimeoutAndOwnerSeesExpiry()
    {
        await using var proxy = new TcpProxy();
        await using var owner = await TestZooKeeper.ConnectAsync(Root.Through(proxy), TestZooKeeper.ShortSession);
        var expired = TestZooKeeper.WhenStateAsync(owner, ZooKeeperState.Expired);
        await owner.CreateAsync("/e", null, ZooKeeperAcl.OpenUnsafe, CreateMode.Ephemeral, Ct);

        var cutAt = DateTime.UtcNow;
        proxy.Cut();

        await TestZooKeeper.EventuallyAsync(async () => await Client.ExistsAsync("/e", cancellationToken: Ct) is null, "the ephemeral node to go");
        var gone = DateTime.UtcNow - cutAt;
        await expired;
        Assert.Equal(ZooKeeperState.Expired, owner.State);
        await Assert.ThrowsAsync<SessionExpiredException>(() => owner.ExistsAsync("/e", cancellationToken: Ct));
        // The server expires the session one timeout (rounded up to its 500 ms ticks) after it last heard from it.
        Assert.InRange(gone, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Reconnect_ConnectionDropped_SameSessionAndEphemeralKept()
    {
        await using var proxy = new TcpProxy();
        await using var owner = await TestZooKeeper.ConnectAsync(Root.Through(proxy), TestZooKeeper.ShortSession);
        var states = new List<ZooKeeperState>();
        owner.StateChanged += (_, state) => states.Add(state);
        var reconnected = TestZooKeeper.WhenStateAsync(owner, ZooKeeperState.SyncConnected);
        var sessionId = owner.SessionId;
        await owner.CreateAsync("/e", null, ZooKeeperAcl.OpenUnsafe, CreateMode.Ephemeral, Ct);

        proxy.DropConnections();
        await reconnected;
        await owner.SetDataAsync("/e", "after"u8.ToArray(), cancellationToken: Ct);

        Assert.Equal([ZooKeeperState.Disconnected, ZooKeeperState.SyncConnected], states);
        Assert.Equal(sessionId, owner.SessionId);
        var stat = await Client.ExistsAsync("/e", cancellationToken: Ct);
        Assert.Equal(sessionId, stat!.EphemeralOwner);
        Assert.Equal(1, stat.Version);
    }

    [Fact]
    public async Task Reconnect_RequestsWhileDisconnected_SentAfterReconnect()
    {
        await using var proxy = new TcpProxy();
        await using var owner = await TestZooKeeper.ConnectAsync(Root.Through(proxy), TestZooKeeper.ShortSession);
        var disconnected = TestZooKeeper.WhenStateAsync(owner, ZooKeeperState.Disconnected);

        proxy.Refuse(true);
        proxy.DropConnections();
        await disconnected;
        var create = owner.CreateAsync("/queued", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await Task.Delay(200, Ct);
        Assert.False(create.IsCompleted);
        proxy.Refuse(false);

        Assert.Equal("/queued", (await create.WaitAsync(TestZooKeeper.Patience, Ct)).Path);
    }

    [Fact]
    public async Task Pings_IdleLongerThanTimeout_SessionStaysAlive()
    {
        await using var owner = await TestZooKeeper.ConnectAsync(Root.ConnectString, TestZooKeeper.ShortSession);
        await owner.CreateAsync("/e", null, ZooKeeperAcl.OpenUnsafe, CreateMode.Ephemeral, Ct);

        await Task.Delay(TestZooKeeper.ShortSession * 2, Ct);

        Assert.Equal(ZooKeeperState.SyncConnected, owner.State);
        Assert.NotNull(await Client.ExistsAsync("/e", cancellationToken: Ct));
    }
}
