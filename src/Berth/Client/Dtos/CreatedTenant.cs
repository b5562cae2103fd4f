namespace Berth.Client.Dtos;

/// <summary>The answer to <c>POST /v1/tenants</c>: the only time the tenant's token is shown.</summary>
internal sealed record CreatedTenant(string Name, string Token);
