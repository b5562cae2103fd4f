namespace Berth.Contracts;

/// <summary>The body of <c>PUT /v1/blacklist</c> and <c>PUT /v1/apps/{id}/blacklist</c>: IP addresses and CIDR ranges.</summary>
public sealed record BlacklistRequest(IReadOnlyList<string>? Entries);
