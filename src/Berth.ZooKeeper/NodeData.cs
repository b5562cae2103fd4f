namespace Berth.ZooKeeper;

/// <summary>A znode's data (null when the node was written with no data at all) and metadata.</summary>
public sealed record NodeData(byte[]? Data, ZooKeeperStat Stat);
