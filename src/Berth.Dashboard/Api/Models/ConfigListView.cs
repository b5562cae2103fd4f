namespace Berth.Dashboard.Api.Models;

/// <summary>An app's config keys.</summary>
public sealed record ConfigListView(long Index, IReadOnlyList<ConfigEntryView> Entries);
