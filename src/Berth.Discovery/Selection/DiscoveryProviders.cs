namespace Berth.Discovery.Selection;

/// <summary>The names of the built-in discovery backends, as written in <see cref="DiscoveryOptions.Provider"/>.</summary>
public static class DiscoveryProviders
{
    /// <summary>In-memory, single machine: the default.</summary>
    public const string Embedded = "embedded";

    /// <summary>etcd v3.</summary>
    public const string Etcd = "etcd";

    /// <summary>Apache ZooKeeper.</summary>
    public const string ZooKeeper = "zookeeper";

    /// <summary>Every provider name, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Embedded, Etcd, ZooKeeper];
}
