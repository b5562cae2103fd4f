namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/tenants</c>.</summary>
internal sealed record CreateTenantRequest(string Name);
