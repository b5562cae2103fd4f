namespace Berth.ZooKeeper;

/// <summary>A client's session state; the values are the protocol's keeper states.</summary>
public enum ZooKeeperState
{
    /// <summary>Not connected; the client is reconnecting and the session may still be alive.</summary>
    Disconnected = 0,

    /// <summary>Connected to a server; requests flow.</summary>
    SyncConnected = 3,

    /// <summary>Connected to a server cut off from its quorum; only reads succeed.</summary>
    ConnectedReadOnly = 5,

    /// <summary>The session is gone (the server said so, or it could not be reached for the whole timeout): its ephemeral nodes and watches are lost.</summary>
    Expired = -112,

    /// <summary>The client was disposed.</summary>
    Closed = 7,
}
