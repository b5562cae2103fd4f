using Berth.Core.Security;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>The body of <c>POST /v1/tenants/{name}/tokens</c>; both fields are optional.</summary>
public sealed record CreateTokenRequest(string? Scope, string? Description);

/// <summary>A token as listed: never the token itself, which only its creation shows.</summary>
public sealed record TokenView(string Id, string Tenant, string Scope, string Description, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static TokenView From(ApiToken token) =>
        new(token.Id, token.Tenant, TokenScopes.ToText(token.Scope), token.Description, token.CreatedAt, token.RevokedAt);
}

/// <summary>The only place a new token is ever shown.</summary>
public sealed record CreatedToken(string Id, string Tenant, string Scope, string Description, DateTimeOffset CreatedAt, string Token);
