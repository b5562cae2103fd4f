namespace Berth.ZooKeeper;

/// <summary>The session's identities lack the permission the request needs on the node.</summary>
public sealed class NoAuthException(string? path) : ZooKeeperException(ZooKeeperErrorCode.NoAuth, path);
