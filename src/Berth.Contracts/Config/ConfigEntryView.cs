namespace Berth.Contracts;

/// <summary>One key; <see cref="Value"/> is null for a secret in a list.</summary>
public sealed record ConfigEntryView(string Key, string? Value, bool Secret, long Index);
