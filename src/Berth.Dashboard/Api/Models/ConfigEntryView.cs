namespace Berth.Dashboard.Api.Models;

/// <summary>One config key; <see cref="Value"/> is null for a secret.</summary>
public sealed record ConfigEntryView(string Key, string? Value, bool Secret, long Index);
