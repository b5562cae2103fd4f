namespace Berth.ZooKeeper.Tests;

/// <summary>Tests that work in a chroot of their own (<see cref="Root"/>), with one client connected to it.</summary>
public abstract class RootedTests : IAsyncLifetime
{
    protected TestRoot Root { get; private set; } = null!;

    protected ZooKeeperClient Client { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Root = await TestRoot.CreateAsync();
        Client = await TestZooKeeper.ConnectAsync(Root.ConnectString);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Root.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
