namespace Berth.Client.Dtos;

/// <summary>The body of <c>PUT /v1/apps/{id}/config/{key}</c>.</summary>
internal sealed record SetConfigRequest(string Value, bool Secret);

/// <summary>One config key; the value is null for a secret in a list.</summary>
internal sealed record ConfigEntryView(string Key, string? Value, bool Secret, long Index);

/// <summary>An app's config as of an index.</summary>
internal sealed record ConfigListView(long Index, IReadOnlyList<ConfigEntryView> Entries);
