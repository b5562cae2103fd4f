namespace Berth.ZooKeeper;

/// <summary>The names (not paths) of a znode's children, in no particular order, and the node's metadata.</summary>
public sealed record NodeChildren(IReadOnlyList<string> Names, ZooKeeperStat Stat);
