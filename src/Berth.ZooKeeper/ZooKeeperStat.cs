namespace Berth.ZooKeeper;

/// <summary>A znode's metadata, as the server reports it.</summary>
/// <param name="Czxid">The zxid of the transaction that created the node.</param>
/// <param name="Mzxid">The zxid of the transaction that last changed the node's data.</param>
/// <param name="Ctime">Creation time, milliseconds since the Unix epoch.</param>
/// <param name="Mtime">Last data change, milliseconds since the Unix epoch.</param>
/// <param name="Version">Number of data changes; pass it to conditional writes.</param>
/// <param name="Cversion">Number of changes to the children.</param>
/// <param name="Aversion">Number of ACL changes.</param>
/// <param name="EphemeralOwner">The owning session of an ephemeral node; 0 for persistent nodes.</param>
/// <param name="DataLength">Length of the data in bytes.</param>
/// <param name="NumChildren">Number of children.</param>
/// <param name="Pzxid">The zxid of the transaction that last created or deleted a child.</param>
public sealed record ZooKeeperStat(
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    int DataLength,
    int NumChildren,
    long Pzxid);
