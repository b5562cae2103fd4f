namespace Berth.Dashboard.Api.Models;

/// <summary>A token as listed: never the token itself.</summary>
public sealed record TokenView(string Id, string Tenant, string Scope, string Description, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
