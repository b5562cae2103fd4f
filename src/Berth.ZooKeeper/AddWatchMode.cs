namespace Berth.ZooKeeper;

/// <summary>Kinds of watches that stay set after they fire (ZooKeeper 3.6 and later).</summary>
public enum AddWatchMode
{
    /// <summary>Every data, child, create and delete event of the node itself.</summary>
    Persistent = 0,

    /// <summary>Create, delete and data events of the node and every node below it, in order (no child events).</summary>
    PersistentRecursive = 1,
}
