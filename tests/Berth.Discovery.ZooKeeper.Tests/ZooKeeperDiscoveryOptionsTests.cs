using Berth.Core.Discovery;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Discovery.ZooKeeper.Tests;

public sealed class ZooKeeperDiscoveryOptionsTests
{
    [Theory]
    [InlineData("", null, null, null)]
    [InlineData("127.0.0.1:2181", "berth", null, null)]
    [InlineData("127.0.0.1:2181", null, "pw", null)]
    [InlineData("127.0.0.1:2181", "a:b", "pw", null)]
    [InlineData("127.0.0.1:2181", null, null, "gateway:abc=")]
    [InlineData("127.0.0.1:2181", "berth", "pw", "no-colon")]
    public void Validate_BadSettings_ThrowArgumentException(string connect, string? user, string? password, string? readerId)
    {
        var options = new ZooKeeperDiscoveryOptions { ConnectString = connect, User = user, Password = password, ReaderId = readerId };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Validate_ShortSession_Throws()
    {
        Assert.Throws<ArgumentException>(new ZooKeeperDiscoveryOptions { SessionTimeout = TimeSpan.FromMilliseconds(10) }.Validate);
    }

    [Fact]
    public void Validate_NoWatchDisconnectedLimit_Throws()
    {
        Assert.Throws<ArgumentException>(new ZooKeeperDiscoveryOptions { WatchDisconnectedLimit = TimeSpan.Zero }.Validate);
    }

    [Fact]
    public async Task AddZooKeeperDiscovery_OneStoreServesEveryRole()
    {
        await using var provider = new ServiceCollection()
            .AddZooKeeperDiscovery(new ZooKeeperDiscoveryOptions { ConnectString = "127.0.0.1:2181" })
            .BuildServiceProvider();

        var store = provider.GetRequiredService<ZooKeeperDiscoveryStore>();
        Assert.Same(store, provider.GetRequiredService<IDiscoveryStore>());
        Assert.Same(store, provider.GetRequiredService<IDiscoveryLeases>());
        Assert.Same(store, provider.GetRequiredService<ILeaderElection>());
        Assert.NotNull(provider.GetRequiredService<ServiceRegistry>());
    }
}
