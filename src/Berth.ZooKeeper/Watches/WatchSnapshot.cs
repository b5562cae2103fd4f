namespace Berth.ZooKeeper.Watches;

/// <summary>The paths (client paths) of the watches held, to set again after a reconnect.</summary>
internal sealed record WatchSnapshot(
    IReadOnlyList<string> Data,
    IReadOnlyList<string> Exist,
    IReadOnlyList<string> Child,
    IReadOnlyList<(string Path, AddWatchMode Mode)> Persistent)
{
    /// <summary>True when there are one-shot watches for a setWatches request.</summary>
    public bool HasOneShot => Data.Count + Exist.Count + Child.Count > 0;
}
