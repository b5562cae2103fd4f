namespace Berth.Dashboard.Api.Models;

/// <summary>A blacklist: addresses and CIDR ranges refused with 403; <see cref="AppId"/> is null for the global one.</summary>
public sealed record BlacklistView(string? AppId, IReadOnlyList<string> Entries);
