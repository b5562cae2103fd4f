namespace Berth.ZooKeeper;

/// <summary>
/// The connection dropped before the reply came: the request may or may not have been applied. The session lives on
/// while the client reconnects; retry idempotent requests, check the outcome of the others.
/// </summary>
public sealed class ConnectionLossException(string message) : ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, null, message);
