namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/tenants/{name}/tokens</c>; null fields take the server's defaults.</summary>
internal sealed record CreateTokenRequest(string? Scope, string? Description);
