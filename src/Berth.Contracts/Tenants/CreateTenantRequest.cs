namespace Berth.Contracts;

/// <summary>The body of <c>POST /v1/tenants</c>.</summary>
public sealed record CreateTenantRequest(string? Name);
