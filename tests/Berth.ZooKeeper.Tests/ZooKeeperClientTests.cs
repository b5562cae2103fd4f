using System.Text;

namespace Berth.ZooKeeper.Tests;

public sealed class ZooKeeperClientTests : IAsyncLifetime
{
    private TestRoot _root = null!;
    private ZooKeeperClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _root = await TestRoot.CreateAsync();
        _client = await TestZooKeeper.ConnectAsync(_root.ConnectString);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _root.DisposeAsync();
    }

    [Fact]
    public async Task ConnectAsync_RealServer_SessionGranted()
    {
        Assert.Equal(ZooKeeperState.SyncConnected, _client.State);
        Assert.NotEqual(0, _client.SessionId);
        Assert.Equal(TimeSpan.FromSeconds(10), _client.SessionTimeout);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsConnectionLoss()
    {
        await using var proxy = new TcpProxy();
        proxy.Refuse(true);

        await Assert.ThrowsAsync<ConnectionLossException>(() => TestZooKeeper.ConnectAsync(_root.Through(proxy), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task CreateAsync_Persistent_GetDataReturnsDataAndStat()
    {
        var created = await _client.CreateAsync("/a", "hello"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        var read = await _client.GetDataAsync("/a", cancellationToken: Ct);

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
        await _client.CreateAsync("/null", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await _client.CreateAsync("/empty", [], ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        Assert.Null((await _client.GetDataAsync("/null", cancellationToken: Ct)).Data);
        var empty = (await _client.GetDataAsync("/empty", cancellationToken: Ct)).Data;
        Assert.NotNull(empty);
        Assert.Empty(empty);
    }

    [Fact]
    public async Task CreateAsync_Existing_ThrowsNodeExists()
    {
        await _client.CreateAsync("/dup", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<NodeExistsException>(() => _client.CreateAsync("/dup", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
        Assert.Equal("/dup", error.Path);
    }

    [Fact]
    public async Task CreateAsync_MissingParent_ThrowsNoNode()
    {
        await Assert.ThrowsAsync<NoNodeException>(() => _client.CreateAsync("/no/such/parent", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
    }

    [Fact]
    public async Task CreateAsync_Sequential_AppendsIncreasingCounter()
    {
        await _client.CreateAsync("/seq", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var first = await _client.CreateAsync("/seq/n-", null, ZooKeeperAcl.OpenUnsafe, CreateMode.PersistentSequential, Ct);
        var second = await _client.CreateAsync("/seq/n-", null, ZooKeeperAcl.OpenUnsafe, CreateMode.EphemeralSequential, Ct);

        Assert.Equal("/seq/n-0000000000", first.Path);
        Assert.Equal("/seq/n-0000000001", second.Path);
        Assert.Equal(_client.SessionId, second.Stat.EphemeralOwner);
    }

    [Fact]
    public async Task CreateAsync_InvalidPath_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateAsync("relative", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateAsync("/a//b", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateAsync("/a/", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
    }

    [Fact]
    public async Task ExistsAsync_MissingAndPresent_NullOrStat()
    {
        await _client.CreateAsync("/here", "x"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        Assert.Null(await _client.ExistsAsync("/missing", cancellationToken: Ct));
        Assert.Equal(1, (await _client.ExistsAsync("/here", cancellationToken: Ct))!.DataLength);
    }

    [Fact]
    public async Task SetDataAsync_CurrentVersion_BumpsVersionAndMzxid()
    {
        var created = await _client.CreateAsync("/v", "1"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var stat = await _client.SetDataAsync("/v", "2"u8.ToArray(), created.Stat.Version, Ct);

        Assert.Equal(1, stat.Version);
        Assert.True(stat.Mzxid > created.Stat.Mzxid);
        Assert.Equal(created.Stat.Czxid, stat.Czxid);
        Assert.Equal("2", Encoding.UTF8.GetString((await _client.GetDataAsync("/v", cancellationToken: Ct)).Data!));
    }

    [Fact]
    public async Task SetDataAsync_StaleVersion_ThrowsBadVersionAndKeepsData()
    {
        var created = await _client.CreateAsync("/v", "1"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await _client.SetDataAsync("/v", "2"u8.ToArray(), created.Stat.Version, Ct);

        await Assert.ThrowsAsync<BadVersionException>(() => _client.SetDataAsync("/v", "stale"u8.ToArray(), created.Stat.Version, Ct));
        Assert.Equal("2", Encoding.UTF8.GetString((await _client.GetDataAsync("/v", cancellationToken: Ct)).Data!));
    }

    [Fact]
    public async Task DeleteAsync_Versions_StaleThrowsBadVersionCurrentDeletes()
    {
        await _client.CreateAsync("/d", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await _client.SetDataAsync("/d", "x"u8.ToArray(), cancellationToken: Ct);

        await Assert.ThrowsAsync<BadVersionException>(() => _client.DeleteAsync("/d", 0, Ct));
        await _client.DeleteAsync("/d", 1, Ct);

        Assert.Null(await _client.ExistsAsync("/d", cancellationToken: Ct));
        await Assert.ThrowsAsync<NoNodeException>(() => _client.DeleteAsync("/d", cancellationToken: Ct));
    }

    [Fact]
    public async Task DeleteAsync_WithChildren_ThrowsNotEmpty()
    {
        await _client.CreateAsync("/p", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await _client.CreateAsync("/p/c", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        await Assert.ThrowsAsync<NotEmptyException>(() => _client.DeleteAsync("/p", cancellationToken: Ct));
    }

    [Fact]
    public async Task GetChildrenAsync_Children_NamesAndParentStat()
    {
        await _client.CreateAsync("/p", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await _client.CreateAsync("/p/x", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        var last = await _client.CreateAsync("/p/y", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var children = await _client.GetChildrenAsync("/p", cancellationToken: Ct);

        Assert.Equal(["x", "y"], children.Names.Order());
        Assert.Equal(2, children.Stat.NumChildren);
        Assert.Equal(last.Stat.Czxid, children.Stat.Pzxid);
    }

    [Fact]
    public async Task SyncAsync_AfterWrite_ReturnsAtLeastItsZxid()
    {
        var created = await _client.CreateAsync("/s", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var zxid = await _client.SyncAsync("/", Ct);

        Assert.True(zxid >= created.Stat.Czxid);
        Assert.True(_client.LastZxid >= created.Stat.Czxid);
    }

    [Fact]
    public async Task Requests_ManyConcurrent_AllPipelinedAndMatched()
    {
        await _client.CreateAsync("/many", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);

        var creates = Enumerable.Range(0, 300)
            .Select(i => _client.CreateAsync($"/many/n{i}", Encoding.UTF8.GetBytes($"v{i}"), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
        var created = await Task.WhenAll(creates);
        var reads = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => _client.GetDataAsync($"/many/n{i}", cancellationToken: Ct)));

        Assert.Equal(300, created.Select(c => c.Stat.Czxid).Distinct().Count());
        Assert.All(Enumerable.Range(0, 300), i => Assert.Equal($"v{i}", Encoding.UTF8.GetString(reads[i].Data!)));
    }

    [Fact]
    public async Task Chroot_Paths_RelativeToTheRoot()
    {
        await _client.CreateAsync("/inside", "x"u8.ToArray(), ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct);
        await using var unrooted = await TestZooKeeper.ConnectAsync(TestZooKeeper.Server);

        Assert.NotNull(await unrooted.ExistsAsync(_root.Path + "/inside", cancellationToken: Ct));
        Assert.Equal(["inside"], (await _client.GetChildrenAsync("/", cancellationToken: Ct)).Names);
    }

    [Fact]
    public async Task DisposeAsync_ThenCall_ThrowsObjectDisposed()
    {
        await _client.DisposeAsync();

        Assert.Equal(ZooKeeperState.Closed, _client.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _client.ExistsAsync("/", cancellationToken: Ct));
    }
}
