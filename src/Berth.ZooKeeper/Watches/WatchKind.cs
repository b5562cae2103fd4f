namespace Berth.ZooKeeper.Watches;

/// <summary>Which watch a request sets when its reply comes back.</summary>
internal enum WatchKind
{
    /// <summary>getData: a data watch on an existing node.</summary>
    Data,

    /// <summary>exists: a data watch when the node exists, else a watch for its creation.</summary>
    Exists,

    /// <summary>getChildren: a child watch.</summary>
    Child,

    /// <summary>addWatch: a new persistent watch.</summary>
    Persistent,

    /// <summary>addWatch after a reconnect: the persistent watches already held on the path are set again.</summary>
    Reregister,
}
