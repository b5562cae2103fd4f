namespace Berth.Contracts;

/// <summary>A blacklist in canonical form, refused with 403; <see cref="AppId"/> is null for the global one.</summary>
public sealed record BlacklistView(string? AppId, IReadOnlyList<string> Entries);
