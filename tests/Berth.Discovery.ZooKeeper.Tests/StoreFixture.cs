using Berth.Core.Discovery;
using Berth.ZooKeeper.Tests;

namespace Berth.Discovery.ZooKeeper.Tests;

/// <summary>A chroot of its own per test, and stores on it: directly, or through a proxy the test can cut.</summary>
public sealed class StoreFixture : IAsyncDisposable
{
    public const string BerthUser = "berth";
    public const string BerthPassword = "berth-secret";
    public const string GatewayUser = "gateway";
    public const string GatewayPassword = "gateway-secret";

    private readonly List<IAsyncDisposable> _owned = [];

    private StoreFixture(TestRoot root) => Root = root;

    public TestRoot Root { get; }

    public static async Task<StoreFixture> CreateAsync()
    {
        var root = await TestRoot.CreateAsync();
        root.AddUser(BerthUser, BerthPassword);
        return new StoreFixture(root);
    }

    /// <summary>Options for this root: anonymous unless a user is given.</summary>
    public ZooKeeperDiscoveryOptions Options(string? user = null, string? password = null, string? readerId = null, TcpProxy? proxy = null) => new()
    {
        ConnectString = proxy is null ? Root.ConnectString : Root.Through(proxy),
        SessionTimeout = TestZooKeeper.ShortSession,
        User = user,
        Password = password,
        ReaderId = readerId,
    };

    /// <summary>A store as Berth's user, the gateway allowed to read addresses and app markers.</summary>
    public ZooKeeperDiscoveryStore BerthStore(TcpProxy? proxy = null) =>
        Own(new ZooKeeperDiscoveryStore(Options(BerthUser, BerthPassword, Berth.ZooKeeper.ZooKeeperAcl.DigestId(GatewayUser, GatewayPassword), proxy)));

    public ZooKeeperDiscoveryStore GatewayStore() => Own(new ZooKeeperDiscoveryStore(Options(GatewayUser, GatewayPassword)));

    public ZooKeeperDiscoveryStore AnonymousStore() => Own(new ZooKeeperDiscoveryStore(Options()));

    public T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await Root.DisposeAsync();
    }

    /// <summary>
    /// The zxid of the last child created or deleted under <paramref name="parent"/>: right after a delete with no other change
    /// there, the delete's own zxid (zxids are shared by everyone on the server, so "the put's + 1" is not safe to assume).
    /// </summary>
    public async Task<long> PzxidAsync(string parent)
    {
        await using var raw = await TestZooKeeper.ConnectAsync(Root.ConnectString);
        await raw.AddAuthAsync("digest", Berth.ZooKeeper.ZooKeeperAcl.DigestAuth(BerthUser, BerthPassword), TestContext.Current.CancellationToken);
        return (await raw.ExistsAsync(parent, cancellationToken: TestContext.Current.CancellationToken))!.Pzxid;
    }
}
