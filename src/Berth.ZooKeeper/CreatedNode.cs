namespace Berth.ZooKeeper;

/// <summary>A node just created: its path (with the counter appended for sequential nodes) and metadata.</summary>
public sealed record CreatedNode(string Path, ZooKeeperStat Stat);
