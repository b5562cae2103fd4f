namespace Berth.Contracts;

/// <summary>The only place a tenant's first token is ever shown; <see cref="TokenId"/> names it for listing and revoking.</summary>
public sealed record CreatedTenant(string Name, string Token, string TokenId);
