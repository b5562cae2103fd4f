namespace Berth.Client.Dtos;

/// <summary>The answer to <c>POST /v1/tenants/{name}/tokens</c>: the only time the token is shown.</summary>
internal sealed record CreatedToken(string Id, string Tenant, string Scope, string Description, DateTimeOffset CreatedAt, string Token);
