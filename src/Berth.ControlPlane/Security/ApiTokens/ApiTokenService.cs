using Berth.ControlPlane.Auth;
using Berth.Core.Security;
using Berth.Core.State;

namespace Berth.ControlPlane.Security.ApiTokens;

/// <summary>Makes API tokens and turns a presented token into the caller it stands for.</summary>
internal sealed class ApiTokenService(ISecurityStore store, IStateStore state, TimeProvider time)
{
    public const int MaxDescriptionLength = 100;

    /// <summary>Makes and stores a token; returns it with its secret, which is never stored and never shown again.</summary>
    public async Task<(ApiToken Token, string Secret)> IssueAsync(string tenant, TokenScope scope, string description, CancellationToken cancellationToken)
    {
        var made = Make(tenant, scope, description, time.GetUtcNow());
        await store.CreateTokenAsync(made.Token, cancellationToken);
        return made;
    }

    /// <summary>A new token and its secret, not stored yet: for a tenant that is being created along with it.</summary>
    public static (ApiToken Token, string Secret) Make(string tenant, TokenScope scope, string description, DateTimeOffset now)
    {
        var secret = Tokens.New();
        return (new ApiToken
        {
            Id = Tokens.NewId(),
            Tenant = tenant,
            TokenHash = Tokens.Hash(secret),
            Scope = scope,
            Description = description,
            CreatedAt = now,
        }, secret);
    }

    /// <summary>The caller a token stands for, or null when the token is unknown or revoked.</summary>
    public async Task<Caller?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (presented.Length is 0 or > 256)
        {
            return null;
        }

        // The lookup goes by hash; the final check compares in constant time all the same.
        var token = await store.FindTokenByHashAsync(Tokens.Hash(presented), cancellationToken);
        if (token is null || token.RevokedAt is not null || !Tokens.Matches(presented, token.TokenHash))
        {
            return null;
        }

        var isAdmin = token.Scope switch
        {
            TokenScope.Admin => true,
            TokenScope.ReadOnly => (await state.GetTenantAsync(token.Tenant, cancellationToken))?.IsAdmin ?? false,
            _ => false,
        };
        return new Caller(token.Tenant, isAdmin) { ReadOnly = token.Scope == TokenScope.ReadOnly, TokenId = token.Id };
    }

    /// <summary>
    /// The scope a new token of <paramref name="tenant"/> gets: the one asked for, or the tenant's natural one
    /// (admin for the admin tenant, tenant otherwise); null with a reason when the tenant may not hold it.
    /// </summary>
    public static (TokenScope? Scope, string? Error) ScopeFor(bool tenantIsAdmin, string? requested)
    {
        if (requested is null)
        {
            return (tenantIsAdmin ? TokenScope.Admin : TokenScope.Tenant, null);
        }

        if (!TokenScopes.TryParse(requested, out var scope))
        {
            return (null, $"scope must be {TokenScopes.Admin}, {TokenScopes.Tenant} or {TokenScopes.ReadOnly}");
        }

        return (scope, tenantIsAdmin) switch
        {
            (TokenScope.Admin, false) => (null, "only the admin tenant holds admin tokens"),
            (TokenScope.Tenant, true) => (null, "the admin tenant's tokens are admin or read-only"),
            _ => (scope, null),
        };
    }
}
