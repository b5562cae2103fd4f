using Berth.Discovery.Embedded;
using Berth.Discovery.Etcd;
using Berth.Discovery.Selection;
using Berth.Discovery.ZooKeeper;

namespace Berth.Bench.Discovery;

/// <summary>
/// The backends the benchmark knows, each against the server our scripts start: two independent clients each, one
/// registering and one watching.
/// </summary>
internal static class Backends
{
    public static IReadOnlyList<string> Names { get; } = [DiscoveryProviders.Embedded, DiscoveryProviders.Etcd, DiscoveryProviders.ZooKeeper];

    public static Backend Connect(string name)
    {
        switch (name)
        {
            case DiscoveryProviders.Embedded:
                var store = new EmbeddedDiscoveryStore();
                return new Backend(name, store, store);
            case DiscoveryProviders.Etcd:
                var options = new DiscoveryOptions
                {
                    Provider = DiscoveryProviders.Etcd,
                    Endpoints = [Environment.GetEnvironmentVariable("BERTH_ETCD") ?? "http://127.0.0.1:2379"],
                };
                return new Backend(name, new EtcdDiscoveryStore(options), new EtcdDiscoveryStore(options));
            case DiscoveryProviders.ZooKeeper:
                var zooKeeper = new ZooKeeperDiscoveryOptions { ConnectString = Environment.GetEnvironmentVariable("BERTH_ZOOKEEPER") ?? "127.0.0.1:2181" };
                return new Backend(name, new ZooKeeperDiscoveryStore(zooKeeper), new ZooKeeperDiscoveryStore(zooKeeper));
            default:
                throw new ArgumentException($"unknown backend '{name}'; known: {string.Join(", ", Names)}");
        }
    }
}
