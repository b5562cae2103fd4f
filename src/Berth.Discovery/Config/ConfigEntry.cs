namespace Berth.Discovery.Config;

/// <summary>One config value of an app; <see cref="Value"/> is null where a secret is masked.</summary>
public sealed record ConfigEntry(string Key, string? Value, bool Secret, long Revision);
