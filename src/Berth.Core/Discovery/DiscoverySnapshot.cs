namespace Berth.Core.Discovery;

/// <summary>Entries under a prefix as of <see cref="Revision"/>; watch from that revision to miss nothing.</summary>
public sealed record DiscoverySnapshot(IReadOnlyList<DiscoveryEntry> Entries, long Revision);
