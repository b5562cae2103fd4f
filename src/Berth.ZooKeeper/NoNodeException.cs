namespace Berth.ZooKeeper;

/// <summary>The node does not exist (or, for a create, its parent does not).</summary>
public sealed class NoNodeException(string? path) : ZooKeeperException(ZooKeeperErrorCode.NoNode, path);
