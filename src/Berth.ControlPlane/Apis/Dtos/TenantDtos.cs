namespace Berth.ControlPlane.Apis.Dtos;

public sealed record CreateTenantRequest(string? Name);

/// <summary>The only place a token is ever shown; <c>TokenId</c> names it for listing and revoking.</summary>
public sealed record CreatedTenant(string Name, string Token, string TokenId);

public sealed record TenantView(string Name, bool IsAdmin, DateTimeOffset CreatedAt);

public sealed record DiscoveryEntryView(string Key, string Value);
