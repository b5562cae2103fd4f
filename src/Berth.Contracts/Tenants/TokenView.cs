namespace Berth.Contracts;

/// <summary>A token as listed: never the token itself, which only its creation shows.</summary>
public sealed record TokenView(string Id, string Tenant, string Scope, string Description, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
