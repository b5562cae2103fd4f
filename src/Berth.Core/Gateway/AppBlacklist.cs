namespace Berth.Core.Gateway;

/// <summary>The client addresses and CIDR ranges refused for one app (or for every app when <see cref="AppId"/> is null).</summary>
public sealed record AppBlacklist(string? AppId, IReadOnlyList<string> Entries);
