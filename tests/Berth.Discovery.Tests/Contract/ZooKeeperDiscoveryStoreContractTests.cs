using System.Collections.Concurrent;
using Berth.Discovery.ZooKeeper;
using Berth.ZooKeeper.Tests;

namespace Berth.Discovery.Tests.Contract;

/// <summary>
/// The contract on the real ZooKeeper started by scripts/start-zookeeper.sh. Each client talks through a proxy of
/// its own, so killing a client is cutting its network: to the server its sessions simply go quiet and expire.
/// </summary>
public sealed class ZooKeeperDiscoveryStoreContractTests : DiscoveryStoreContractTests<ZooKeeperDiscoveryStore>
{
    private readonly ConcurrentDictionary<ZooKeeperDiscoveryStore, TcpProxy> _proxies = new();

    protected override Task<ZooKeeperDiscoveryStore> ConnectAsync()
    {
        var proxy = new TcpProxy();
        var store = new ZooKeeperDiscoveryStore(new ZooKeeperDiscoveryOptions
        {
            ConnectString = $"127.0.0.1:{proxy.Port}",
            SessionTimeout = TimeSpan.FromSeconds(4),
        });
        _proxies[store] = proxy;
        return Task.FromResult(store);
    }

    protected override Task<ZooKeeperDiscoveryStore> ConnectToSameBackendAsync(ZooKeeperDiscoveryStore client) => ConnectAsync();

    protected override Task KillAsync(ZooKeeperDiscoveryStore client)
    {
        _proxies[client].Cut();
        return Task.CompletedTask;
    }

    /// <summary>ZooKeeper keeps no history of changes, so there is nothing to compact.</summary>
    protected override Task<bool> TryCompactAsync(ZooKeeperDiscoveryStore client, long revision) => Task.FromResult(false);

    protected override async ValueTask ReleaseAsync(ZooKeeperDiscoveryStore client)
    {
        await client.DisposeAsync();
        if (_proxies.TryRemove(client, out var proxy))
        {
            await proxy.DisposeAsync();
        }
    }
}
