using Berth.Contracts;
using Berth.Core.Security;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps an <see cref="ApiToken"/> onto its view.</summary>
internal static class TokenViewMapping
{
    extension(TokenView)
    {
        public static TokenView From(ApiToken token) =>
            new(token.Id, token.Tenant, TokenScopes.ToText(token.Scope), token.Description, token.CreatedAt, token.RevokedAt);
    }
}
