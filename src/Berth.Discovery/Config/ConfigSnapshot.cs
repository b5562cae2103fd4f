namespace Berth.Discovery.Config;

/// <summary>An app's config as of <see cref="Index"/>; pass the index back to wait for the next change.</summary>
public sealed record ConfigSnapshot(IReadOnlyList<ConfigEntry> Entries, long Index);
