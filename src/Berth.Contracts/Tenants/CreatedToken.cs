namespace Berth.Contracts;

/// <summary>The only place a new token is ever shown.</summary>
public sealed record CreatedToken(string Id, string Tenant, string Scope, string Description, DateTimeOffset CreatedAt, string Token);
