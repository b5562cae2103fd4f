namespace Berth.ZooKeeper.Connection;

/// <summary>What a connection's receive loop hands to its client, in the order the frames arrived.</summary>
internal interface IConnectionListener
{
    /// <summary>A watch notification; <paramref name="serverPath"/> still carries the chroot.</summary>
    void OnNotification(WatchEventType type, ZooKeeperState state, string serverPath, long zxid);

    /// <summary>The reply to <paramref name="packet"/>; the listener completes the packet.</summary>
    void OnReply(Packet packet, Reply reply);
}
