namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>The body of <c>PUT /v1/blacklist</c> and <c>PUT /v1/apps/{id}/blacklist</c>: IP addresses and CIDR ranges.</summary>
public sealed record BlacklistRequest(IReadOnlyList<string>? Entries);

/// <summary>A blacklist in canonical form; <see cref="AppId"/> is null for the global one.</summary>
public sealed record BlacklistView(string? AppId, IReadOnlyList<string> Entries);
