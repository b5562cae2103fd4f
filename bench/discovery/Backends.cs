using Berth.Discovery.Embedded;
using Berth.Discovery.Etcd;
using Berth.Discovery.Selection;

namespace Berth.Bench.Discovery;

/// <summary>
/// The backends the benchmark knows, each against the server our scripts start. To add one (ZooKeeper), add its name
/// to <see cref="Names"/> and a case to <see cref="Connect"/> returning two independent clients.
/// </summary>
internal static class Backends
{
    public static IReadOnlyList<string> Names { get; } = [DiscoveryProviders.Embedded, DiscoveryProviders.Etcd];

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
            default:
                throw new ArgumentException($"unknown backend '{name}'; known: {string.Join(", ", Names)}");
        }
    }
}
