namespace Berth.Client.Dtos;

/// <summary>A token as <c>GET /v1/tenants/{name}/tokens</c> lists it: never the token itself.</summary>
internal sealed record TokenView(string Id, string Tenant, string Scope, string Description, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
