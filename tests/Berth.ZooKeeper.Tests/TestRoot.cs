namespace Berth.ZooKeeper.Tests;

/// <summary>
/// A fresh chroot per test (<c>/berth-test-xxxxxxxx</c>), so tests run in parallel against one server without seeing
/// each other's nodes. Disposing deletes the whole subtree, authenticating as the users the test registered (deleting
/// a child needs the Delete permission on its parent, and digest ACLs keep the anonymous out).
/// </summary>
public sealed class TestRoot : IAsyncDisposable
{
    private readonly List<(string User, string Password)> _users = [];

    private TestRoot(string path) => Path = path;

    /// <summary>The chroot node's path on the server.</summary>
    public string Path { get; }

    /// <summary>The connect string whose paths are relative to this root.</summary>
    public string ConnectString => TestZooKeeper.Server + Path;

    public static async Task<TestRoot> CreateAsync()
    {
        var root = new TestRoot($"/berth-test-{Guid.NewGuid():N}"[..20]);
        await using var client = await TestZooKeeper.ConnectAsync(TestZooKeeper.Server);
        await client.CreateAsync(root.Path, null, ZooKeeperAcl.OpenUnsafe, cancellationToken: TestContext.Current.CancellationToken);
        return root;
    }

    /// <summary>The connect string for this root through <paramref name="proxy"/>.</summary>
    public string Through(TcpProxy proxy) => $"127.0.0.1:{proxy.Port}{Path}";

    /// <summary>Credentials the clean-up presents, for nodes only they may delete under.</summary>
    public void AddUser(string user, string password) => _users.Add((user, password));

    public async ValueTask DisposeAsync()
    {
        await using var client = await TestZooKeeper.ConnectAsync(TestZooKeeper.Server);
        foreach (var (user, password) in _users)
        {
            await client.AddAuthAsync("digest", ZooKeeperAcl.DigestAuth(user, password));
        }

        await DeleteTreeAsync(client, Path);
    }

    private static async Task DeleteTreeAsync(ZooKeeperClient client, string path)
    {
        try
        {
            foreach (var name in (await client.GetChildrenAsync(path)).Names)
            {
                await DeleteTreeAsync(client, $"{path}/{name}");
            }

            await client.DeleteAsync(path);
        }
        catch (NoNodeException)
        {
            // Ephemeral nodes may go on their own meanwhile.
        }
    }
}
