namespace Berth.ZooKeeper;

/// <summary>The node already exists.</summary>
public sealed class NodeExistsException(string? path) : ZooKeeperException(ZooKeeperErrorCode.NodeExists, path);
