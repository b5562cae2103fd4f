namespace Berth.ZooKeeper;

/// <summary>A watch firing, or a change of the session's state (<see cref="Type"/> <see cref="WatchEventType.None"/>).</summary>
/// <param name="Type">What changed.</param>
/// <param name="State">The session's state when the event was sent.</param>
/// <param name="Path">The node that changed; for a persistent watch's state events, the watched path; null for other state events.</param>
/// <param name="Zxid">
/// For a persistent watch's <see cref="ZooKeeperState.SyncConnected"/> event: the zxid at which the watch was (re-)registered,
/// so changes after it will be notified and earlier ones must be read. For node events: the zxid of the change when the server
/// sends it (ZooKeeper 3.9 and later), otherwise -1.
/// </param>
public sealed record WatchedEvent(WatchEventType Type, ZooKeeperState State, string? Path, long Zxid = -1);
