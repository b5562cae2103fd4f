namespace Berth.Client.Dtos;

/// <summary>A tenant as <c>GET /v1/tenants</c> returns it.</summary>
internal sealed record TenantView(string Name, bool IsAdmin, DateTimeOffset CreatedAt);
