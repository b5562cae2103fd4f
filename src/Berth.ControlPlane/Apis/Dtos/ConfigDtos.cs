using Berth.Discovery.Config;

namespace Berth.ControlPlane.Apis.Dtos;

public sealed record SetConfigRequest(string? Value, bool? Secret);

/// <summary>One key; <see cref="Value"/> is null for a secret in a list.</summary>
public sealed record ConfigEntryView(string Key, string? Value, bool Secret, long Index)
{
    public static ConfigEntryView From(ConfigEntry e) => new(e.Key, e.Value, e.Secret, e.Revision);
}

/// <summary>An app's config; pass <see cref="Index"/> back as <c>waitIndex</c> to wait for the next change.</summary>
public sealed record ConfigListView(long Index, ConfigEntryView[] Entries)
{
    public static ConfigListView From(ConfigSnapshot s) => new(s.Index, s.Entries.Select(ConfigEntryView.From).ToArray());
}
