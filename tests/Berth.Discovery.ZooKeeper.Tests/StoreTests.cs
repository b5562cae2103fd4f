namespace Berth.Discovery.ZooKeeper.Tests;

/// <summary>Tests with a chroot of their own (<see cref="Fixture"/>) and a store on it as Berth's user.</summary>
public abstract class StoreTests : IAsyncLifetime
{
    protected StoreFixture Fixture { get; private set; } = null!;

    protected ZooKeeperDiscoveryStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Fixture = await StoreFixture.CreateAsync();
        Store = Fixture.BerthStore();
    }

    public async ValueTask DisposeAsync()
    {
        await Fixture.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
