namespace Berth.ZooKeeper;

/// <summary>How a node lives; the values are the protocol's create flags.</summary>
public enum CreateMode
{
    /// <summary>Stays until deleted.</summary>
    Persistent = 0,

    /// <summary>Deleted by the server when the creating session ends (closed or expired).</summary>
    Ephemeral = 1,

    /// <summary>Persistent, with a 10-digit counter of the parent appended to the name.</summary>
    PersistentSequential = 2,

    /// <summary>Ephemeral, with a 10-digit counter of the parent appended to the name.</summary>
    EphemeralSequential = 3,
}
