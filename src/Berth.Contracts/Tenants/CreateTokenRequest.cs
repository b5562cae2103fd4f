namespace Berth.Contracts;

/// <summary>The body of <c>POST /v1/tenants/{name}/tokens</c>; both fields are optional.</summary>
public sealed record CreateTokenRequest(string? Scope, string? Description);
