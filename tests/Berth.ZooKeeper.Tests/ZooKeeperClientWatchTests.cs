using System.Text;

namespace Berth.ZooKeeper.Tests;

public sealed class ZooKeeperClientWatchTests : RootedTests
{
    private ZooKeeperClient _writer = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _writer = await TestZooKeeper.ConnectAsync(Root.ConnectString);
    }

    public override async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task GetChildrenAsync_Watch_FiresOnceOnChildCreated()
    {
        await _writer.CreateAsync("/p", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        var events = new List<WatchedEvent>();
        var fired = new TaskCompletionSource();
        await Client.GetChildrenAsync("/p", e =>
        {
            events.Add(e);
            fired.TrySetResult();
        }, Ct);

        await _writer.CreateAsync("/p/a", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await _writer.CreateAsync("/p/b", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await fired.Task.WaitAsync(TestZooKeeper.Patience, Ct);
        await Client.SyncAsync("/", Ct);

        Assert.Equal([new WatchedEvent(WatchEventType.NodeChildrenChanged, ZooKeeperState.SyncConnected, "/p")], events);
    }

    [Fact]
    public async Task GetDataAsync_Watch_FiresOnDataChange()
    {
        await _writer.CreateAsync("/d", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        var fired = new TaskCompletionSource<WatchedEvent>();

        await Client.GetDataAsync("/d", e => fired.TrySetResult(e), Ct);
        await _writer.SetDataAsync("/d", "x"u8.ToArray(), cancellationToken: Ct);

        var change = await fired.Task.WaitAsync(TestZooKeeper.Patience, Ct);
        Assert.Equal(WatchEventType.NodeDataChanged, change.Type);
        Assert.Equal("/d", change.Path);
    }

    [Fact]
    public async Task ExistsAsync_WatchOnMissingNode_FiresOnCreate()
    {
        var fired = new TaskCompletionSource<WatchedEvent>();

        Assert.Null(await Client.ExistsAsync("/later", e => fired.TrySetResult(e), Ct));
        await _writer.CreateAsync("/later", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        Assert.Equal(WatchEventType.NodeCreated, (await fired.Task.WaitAsync(TestZooKeeper.Patience, Ct)).Type);
    }

    [Fact]
    public async Task AddWatchAsync_Recursive_EveryChangeBelowInOrder()
    {
        await using var watch = await Client.AddWatchAsync("/tree", AddWatchMode.PersistentRecursive, Ct);
        var registered = await watch.Events.ReadAsync(Ct);

        await _writer.CreateAsync("/tree", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        var expected = new List<(WatchEventType, string)> { (WatchEventType.NodeCreated, "/tree") };
        for (var i = 0; i < 50; i++)
        {
            await _writer.CreateAsync($"/tree/n{i}", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
            await _writer.SetDataAsync($"/tree/n{i}", Encoding.UTF8.GetBytes($"{i}"), cancellationToken: Ct);
            expected.Add((WatchEventType.NodeCreated, $"/tree/n{i}"));
            expected.Add((WatchEventType.NodeDataChanged, $"/tree/n{i}"));
            if (i % 2 == 0)
            {
                await _writer.DeleteAsync($"/tree/n{i}", cancellationToken: Ct);
                expected.Add((WatchEventType.NodeDeleted, $"/tree/n{i}"));
            }
        }

        var seen = new List<(WatchEventType, string)>();
        while (seen.Count < expected.Count)
        {
            var change = await watch.Events.ReadAsync(Ct).AsTask().WaitAsync(TestZooKeeper.Patience, Ct);
            seen.Add((change.Type, change.Path!));
        }

        Assert.Equal((WatchEventType.None, ZooKeeperState.SyncConnected, "/tree"), (registered.Type, registered.State, registered.Path));
        Assert.True(registered.Zxid > 0);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task AddWatchAsync_Persistent_StaysSetAfterFiring()
    {
        await _writer.CreateAsync("/p", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await using var watch = await Client.AddWatchAsync("/p", AddWatchMode.Persistent, Ct);
        await watch.Events.ReadAsync(Ct);

        await _writer.SetDataAsync("/p", "1"u8.ToArray(), cancellationToken: Ct);
        await _writer.CreateAsync("/p/c", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await _writer.CreateAsync("/p/c/grandchild", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await _writer.SetDataAsync("/p", "2"u8.ToArray(), cancellationToken: Ct);

        var seen = new List<WatchEventType>();
        for (var i = 0; i < 3; i++)
        {
            seen.Add((await watch.Events.ReadAsync(Ct).AsTask().WaitAsync(TestZooKeeper.Patience, Ct)).Type);
        }

        Assert.Equal([WatchEventType.NodeDataChanged, WatchEventType.NodeChildrenChanged, WatchEventType.NodeDataChanged], seen);
    }

    [Fact]
    public async Task PersistentWatch_Disposed_ServerStopsNotifying()
    {
        var watch = await Client.AddWatchAsync("/gone", AddWatchMode.PersistentRecursive, Ct);
        await watch.Events.ReadAsync(Ct);
        var other = await Client.AddWatchAsync("/other", AddWatchMode.PersistentRecursive, Ct);
        await other.Events.ReadAsync(Ct);

        await watch.DisposeAsync();
        await _writer.CreateAsync("/gone", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await _writer.CreateAsync("/other", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await other.Events.ReadAsync(Ct).AsTask().WaitAsync(TestZooKeeper.Patience, Ct);

        Assert.False(watch.Events.TryRead(out _));
        Assert.True(watch.Events.Completion.IsCompleted);
        await other.DisposeAsync();
    }

    [Fact]
    public async Task OneShotWatch_ChangedWhileDisconnected_FiresAfterReconnect()
    {
        await using var proxy = new TcpProxy();
        await using var client = await TestZooKeeper.ConnectAsync(Root.Through(proxy), TestZooKeeper.ShortSession);
        await _writer.CreateAsync("/w", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        var fired = new TaskCompletionSource<WatchedEvent>();
        await client.GetDataAsync("/w", e => fired.TrySetResult(e), Ct);

        proxy.Refuse(true);
        proxy.DropConnections();
        await _writer.SetDataAsync("/w", "meanwhile"u8.ToArray(), cancellationToken: Ct);
        proxy.Refuse(false);

        var change = await fired.Task.WaitAsync(TestZooKeeper.Patience, Ct);
        Assert.Equal(WatchEventType.NodeDataChanged, change.Type);
    }

    [Fact]
    public async Task PersistentWatch_Reconnect_DisconnectedThenReregisteredThenLiveEvents()
    {
        await using var proxy = new TcpProxy();
        await using var client = await TestZooKeeper.ConnectAsync(Root.Through(proxy), TestZooKeeper.ShortSession);
        await using var watch = await client.AddWatchAsync("/r", AddWatchMode.PersistentRecursive, Ct);
        var first = await watch.Events.ReadAsync(Ct);

        proxy.DropConnections();
        var disconnected = await watch.Events.ReadAsync(Ct).AsTask().WaitAsync(TestZooKeeper.Patience, Ct);
        var again = await watch.Events.ReadAsync(Ct).AsTask().WaitAsync(TestZooKeeper.Patience, Ct);
        await _writer.CreateAsync("/r", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        var created = await watch.Events.ReadAsync(Ct).AsTask().WaitAsync(TestZooKeeper.Patience, Ct);

        Assert.Equal(ZooKeeperState.Disconnected, disconnected.State);
        Assert.Equal(ZooKeeperState.SyncConnected, again.State);
        Assert.True(again.Zxid >= first.Zxid);
        Assert.Equal((WatchEventType.NodeCreated, "/r"), (created.Type, created.Path));
    }

    [Fact]
    public async Task Watches_SessionExpires_EndWithExpired()
    {
        await using var proxy = new TcpProxy();
        await using var client = await TestZooKeeper.ConnectAsync(Root.Through(proxy), TestZooKeeper.ShortSession);
        var oneShot = new TaskCompletionSource<WatchedEvent>();
        await client.ExistsAsync("/x", e => oneShot.TrySetResult(e), Ct);
        var watch = await client.AddWatchAsync("/x", AddWatchMode.PersistentRecursive, Ct);

        proxy.Cut();

        var last = await watch.Events.ReadAllAsync(Ct).LastAsync(Ct).AsTask().WaitAsync(TestZooKeeper.Patience, Ct);
        Assert.Equal(ZooKeeperState.Expired, last.State);
        Assert.Equal(ZooKeeperState.Expired, (await oneShot.Task.WaitAsync(TestZooKeeper.Patience, Ct)).State);
    }
}
