namespace Berth.Dashboard.Api.Models;

/// <summary>A new token: the only time it is shown.</summary>
public sealed record CreatedToken(string Id, string Tenant, string Scope, string Description, DateTimeOffset CreatedAt, string Token);
