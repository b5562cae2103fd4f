namespace Berth.Contracts;

/// <summary>A tenant as <c>GET /v1/tenants</c> lists it.</summary>
public sealed record TenantView(string Name, bool IsAdmin, DateTimeOffset CreatedAt);
