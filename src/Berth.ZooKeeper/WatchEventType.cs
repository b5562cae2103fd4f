namespace Berth.ZooKeeper;

/// <summary>What a <see cref="WatchedEvent"/> reports; the values are the protocol's.</summary>
public enum WatchEventType
{
    /// <summary>No node changed: the session's state did (see <see cref="WatchedEvent.State"/>).</summary>
    None = -1,
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
}
