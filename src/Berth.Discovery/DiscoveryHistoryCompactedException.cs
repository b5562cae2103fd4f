namespace Berth.Discovery;

/// <summary>
/// A watch asked for changes the store no longer retains (or fell too far behind to be kept up to date):
/// the watcher must list again and watch from the new snapshot's revision.
/// </summary>
public sealed class DiscoveryHistoryCompactedException : Exception
{
    /// <summary>Creates the exception for a watch that asked for changes after <paramref name="requestedRevision"/>.</summary>
    public DiscoveryHistoryCompactedException(long requestedRevision, long compactedRevision)
        : base($"Discovery history is compacted up to revision {compactedRevision}; cannot watch from revision {requestedRevision}. List again and watch from the snapshot's revision.")
    {
        RequestedRevision = requestedRevision;
        CompactedRevision = compactedRevision;
    }

    /// <summary>The revision the watcher asked to continue after.</summary>
    public long RequestedRevision { get; }

    /// <summary>Changes up to and including this revision are no longer retained.</summary>
    public long CompactedRevision { get; }
}
