namespace Berth.ZooKeeper.Connection;

/// <summary>A reply: the zxid the server had reached, the error code, and the response record after the header.</summary>
internal readonly record struct Reply(long Zxid, ZooKeeperErrorCode Error, ReadOnlyMemory<byte> Body);
