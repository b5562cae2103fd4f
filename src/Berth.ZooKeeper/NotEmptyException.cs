namespace Berth.ZooKeeper;

/// <summary>The node has children, so it cannot be deleted.</summary>
public sealed class NotEmptyException(string? path) : ZooKeeperException(ZooKeeperErrorCode.NotEmpty, path);
