namespace Berth.ZooKeeper.Tests;

public sealed class ZooKeeperClientAclTests : RootedTests
{
    private const string Owner = "owner";
    private const string OwnerPassword = "owner-secret";
    private const string Reader = "reader";
    private const string ReaderPassword = "reader-secret";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Root.AddUser(Owner, OwnerPassword);
        await Client.AddAuthAsync("digest", ZooKeeperAcl.DigestAuth(Owner, OwnerPassword), Ct);
        await Client.CreateAsync("/guarded", "secret"u8.ToArray(),
            [ZooKeeperAcl.Digest(ZooKeeperPermissions.All, Owner, OwnerPassword), ZooKeeperAcl.Digest(ZooKeeperPermissions.Read, Reader, ReaderPassword)],
            cancellationToken: Ct);
    }

    [Fact]
    public void DigestId_KnownUser_MatchesZooKeepersDigest()
    {
        // What ZooKeeper's own tool prints: java -cp zookeeper.jar org.apache.zookeeper.server.auth.DigestAuthenticationProvider super:superpw
        Assert.Equal("super:g9oN2HttPfn8MMWJZ2r45Np/LIA=", ZooKeeperAcl.DigestId("super", "superpw"));
    }

    [Fact]
    public async Task GetDataAsync_Anonymous_ThrowsNoAuth()
    {
        await using var anonymous = await TestZooKeeper.ConnectAsync(Root.ConnectString);

        await Assert.ThrowsAsync<NoAuthException>(() => anonymous.GetDataAsync("/guarded", cancellationToken: Ct));
        await Assert.ThrowsAsync<NoAuthException>(() => anonymous.CreateAsync("/guarded/x", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
    }

    [Fact]
    public async Task SetDataAsync_ReadOnlyUser_ThrowsNoAuthButReads()
    {
        await using var reader = await TestZooKeeper.ConnectAsync(Root.ConnectString);
        await reader.AddAuthAsync("digest", ZooKeeperAcl.DigestAuth(Reader, ReaderPassword), Ct);

        Assert.Equal("secret"u8.ToArray(), (await reader.GetDataAsync("/guarded", cancellationToken: Ct)).Data);
        await Assert.ThrowsAsync<NoAuthException>(() => reader.SetDataAsync("/guarded", "mine"u8.ToArray(), cancellationToken: Ct));
        await Assert.ThrowsAsync<NoAuthException>(() => reader.CreateAsync("/guarded/x", null, ZooKeeperAcl.OpenUnsafe, cancellationToken: Ct));
    }

    [Fact]
    public async Task GetDataAsync_WrongPassword_ThrowsNoAuth()
    {
        await using var impostor = await TestZooKeeper.ConnectAsync(Root.ConnectString);
        await impostor.AddAuthAsync("digest", ZooKeeperAcl.DigestAuth(Owner, "guess"), Ct);

        await Assert.ThrowsAsync<NoAuthException>(() => impostor.GetDataAsync("/guarded", cancellationToken: Ct));
    }

    [Fact]
    public async Task AddAuthAsync_AfterReconnect_CredentialsPresentedAgain()
    {
        await using var proxy = new TcpProxy();
        await using var owner = await TestZooKeeper.ConnectAsync(Root.Through(proxy), TestZooKeeper.ShortSession);
        await owner.AddAuthAsync("digest", ZooKeeperAcl.DigestAuth(Owner, OwnerPassword), Ct);
        var reconnected = TestZooKeeper.WhenStateAsync(owner, ZooKeeperState.SyncConnected);

        proxy.DropConnections();
        await reconnected;

        await owner.SetDataAsync("/guarded", "still mine"u8.ToArray(), cancellationToken: Ct);
    }
}
