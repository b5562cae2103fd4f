namespace Berth.Contracts;

/// <summary>An app's config; pass <see cref="Index"/> back as <c>waitIndex</c> to wait for the next change.</summary>
public sealed record ConfigListView(long Index, IReadOnlyList<ConfigEntryView> Entries);
