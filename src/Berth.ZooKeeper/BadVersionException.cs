namespace Berth.ZooKeeper;

/// <summary>The node's version is not the one the conditional write expected.</summary>
public sealed class BadVersionException(string? path) : ZooKeeperException(ZooKeeperErrorCode.BadVersion, path);
