namespace Berth.ZooKeeper;

/// <summary>
/// The session is gone: its ephemeral nodes are deleted and its watches dropped. The client cannot be used again; make a
/// new one.
/// </summary>
public sealed class SessionExpiredException() : ZooKeeperException(
    ZooKeeperErrorCode.SessionExpired, null, "The ZooKeeper session has expired; connect a new client.");
