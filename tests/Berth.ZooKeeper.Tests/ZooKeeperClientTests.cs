using System.Text;

namespace Berth.ZooKeeper.Tests;

public sealed class ZooKeeperClientTests : RootedTests
{
    [Fact]
    public async Task ConnectAsync_RealServer_SessionGranted()
    {
        Assert.Equal(ZooKeeperState.SyncConnected, Client.State);
        Assert.NotEqual(0, Client.SessionId);
        Assert.Equal(TimeSpan.FromSeconds(10), Client.SessionTimeout);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsConnectionLoss()
    {
        await using var proxy = new TcpProxy();
        proxy.Refuse(true);

        await Assert.ThrowsAsync<ConnectionLossException>(() => TestZooKeeper.ConnectAsync(Root.Through(proxy), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task CreateAsync_Persistent_GetDataReturnsDataAndStat()
    {
        var created = await Client.CreateAsync("/a", "hello"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        var read = await Client.GetDataAsync("/a", cancellationToken: Ct);

        Assert.Equal("/a", created.Path);
        Assert.Equal("hello", Encoding.UTF8.GetString(read.Data!));
        Assert.Equal(created.Stat, read.Stat);
        Assert.Equal(read.Stat.Czxid, read.Stat.Mzxid);
        Assert.Equal(0, read.Stat.Version);
        Assert.Equal(0, read.Stat.EphemeralOwner);
    }

    [Fact]
    public async Task CreateAsync_NullData_ReadsBackNullNotEmpty()
    {
        await Client.CreateAsync("/null", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await Client.CreateAsync("/empty", [], ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        Assert.Null((await Client.GetDataAsync("/null", cancellationToken: Ct)).Data);
        var empty = (await Client.GetDataAsync("/empty", cancellationToken: Ct)).Data;
        Assert.NotNull(empty);
        Assert.Empty(empty);
    }

    [Fact]
    public async Task CreateAsync_Existing_ThrowsNodeExists()
    {
        await Client.CreateAsync("/dup", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<NodeExistsException>(() => Client.CreateAsync("/dup", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
        Assert.Equal("/dup", error.Path);
    }

    [Fact]
    public async Task CreateAsync_MissingParent_ThrowsNoNode()
    {
        await Assert.ThrowsAsync<NoNodeException>(() => Client.CreateAsync("/no/such/parent", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
    }

    [Fact]
    public async Task CreateAsync_Sequential_AppendsIncreasingCounter()
    {
        await Client.CreateAsync("/seq", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var first = await Client.CreateAsync("/seq/n-", null, ZooKeeperAcl.OpenUnsafe, CreateMode.PersistentSequential, Ct);
        var second = await Client.CreateAsync("/seq/n-", null, ZooKeeperAcl.OpenUnsafe, CreateMode.EphemeralSequential, Ct);

        Assert.Equal("/seq/n-0000000000", first.Path);
        Assert.Equal("/seq/n-0000000001", second.Path);
        Assert.Equal(Client.SessionId, second.Stat.EphemeralOwner);
    }

    [Fact]
    public async Task CreateAsync_InvalidPath_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.CreateAsync("relative", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.CreateAsync("/a//b", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.CreateAsync("/a/", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
    }

    [Fact]
    public async Task ExistsAsync_MissingAndPresent_NullOrStat()
    {
        await Client.CreateAsync("/here", "x"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        Assert.Null(await Client.ExistsAsync("/missing", cancellationToken: Ct));
        Assert.Equal(1, (await Client.ExistsAsync("/here", cancellationToken: Ct))!.DataLength);
    }

    [Fact]
    public async Task SetDataAsync_CurrentVersion_BumpsVersionAndMzxid()
    {
        var created = await Client.CreateAsync("/v", "1"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var stat = await Client.SetDataAsync("/v", "2"u8.ToArray(), created.Stat.Version, Ct);

        Assert.Equal(1, stat.Version);
        Assert.True(stat.Mzxid > created.Stat.Mzxid);
        Assert.Equal(created.Stat.Czxid, stat.Czxid);
        Assert.Equal("2", Encoding.UTF8.GetString((await Client.GetDataAsync("/v", cancellationToken: Ct)).Data!));
    }

    [Fact]
    public async Task SetDataAsync_StaleVersion_ThrowsBadVersionAndKeepsData()
    {
        var created = await Client.CreateAsync("/v", "1"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await Client.SetDataAsync("/v", "2"u8.ToArray(), created.Stat.Version, Ct);

        await Assert.ThrowsAsync<BadVersionException>(() => Client.SetDataAsync("/v", "stale"u8.ToArray(), created.Stat.Version, Ct));
        Assert.Equal("2", Encoding.UTF8.GetString((await Client.GetDataAsync("/v", cancellationToken: Ct)).Data!));
    }

    [Fact]
    public async Task DeleteAsync_Versions_StaleThrowsBadVersionCurrentDeletes()
    {
        await Client.CreateAsync("/d", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await Client.SetDataAsync("/d", "x"u8.ToArray(), cancellationToken: Ct);

        await Assert.ThrowsAsync<BadVersionException>(() => Client.DeleteAsync("/d", 0, Ct));
        await Client.DeleteAsync("/d", 1, Ct);

        Assert.Null(await Client.ExistsAsync("/d", cancellationToken: Ct));
        await Assert.ThrowsAsync<NoNodeException>(() => Client.DeleteAsync("/d", cancellationToken: Ct));
    }

    [Fact]
    public async Task DeleteAsync_WithChildren_ThrowsNotEmpty()
    {
        await Client.CreateAsync("/p", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await Client.CreateAsync("/p/c", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        await Assert.ThrowsAsync<NotEmptyException>(() => Client.DeleteAsync("/p", cancellationToken: Ct));
    }

    [Fact]
    public async Task GetChildrenAsync_Children_NamesAndParentStat()
    {
        await Client.CreateAsync("/p", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await Client.CreateAsync("/p/x", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        var last = await Client.CreateAsync("/p/y", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var children = await Client.GetChildrenAsync("/p", cancellationToken: Ct);

        Assert.Equal(["x", "y"], children.Names.Order());
        Assert.Equal(2, children.Stat.NumChildren);
        Assert.Equal(last.Stat.Czxid, children.Stat.Pzxid);
    }

    [Fact]
    public async Task SyncAsync_AfterWrite_ReturnsAtLeastItsZxid()
    {
        var created = await Client.CreateAsync("/s", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var zxid = await Client.SyncAsync("/", Ct);

        Assert.True(zxid >= created.Stat.Czxid);
        Assert.True(Client.LastZxid >= created.Stat.Czxid);
    }

    [Fact]
    public async Task Requests_ManyConcurrent_AllPipelinedAndMatched()
    {
        await Client.CreateAsync("/many", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var creates = Enumerable.Range(0, 300)
            .Select(i => Client.CreateAsync($"/many/n{i}", Encoding.UTF8.GetBytes($"v{i}"), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
        var created = await Task.WhenAll(creates);
        var reads = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Client.GetDataAsync($"/many/n{i}", cancellationToken: Ct)));

        Assert.Equal(300, created.Select(c => c.Stat.Czxid).Distinct().Count());
        Assert.All(Enumerable.Range(0, 300), i => Assert.Equal($"v{i}", Encoding.UTF8.GetString(reads[i].Data!)));
    }

    [Fact]
    public async Task Chroot_Paths_RelativeToTheRoot()
    {
        await Client.CreateAsync("/inside", "x"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await using var unrooted = await TestZooKeeper.ConnectAsync(TestZooKeeper.Server);

        Assert.NotNull(await unrooted.ExistsAsync(Root.Path + "/inside", cancellationToken: Ct));
        Assert.Equal(["inside"], (await Client.GetChildrenAsync("/", cancellationToken: Ct)).Names);
    }

    [Fact]
    public async Task DisposeAsync_ThenCall_ThrowsObjectDisposed()
    {
        await Client.DisposeAsync();

        Assert.Equal(ZooKeeperState.Closed, Client.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Client.ExistsAsync("/", cancellationToken: Ct));
    }
}
