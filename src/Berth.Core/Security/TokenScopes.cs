namespace Berth.Core.Security;

/// <summary>The names scopes have in the API and in the database: <c>admin</c>, <c>tenant</c>, <c>read-only</c>.</summary>
public static class TokenScopes
{
    public const string Admin = "admin";
    public const string Tenant = "tenant";
    public const string ReadOnly = "read-only";

    public static string ToText(TokenScope scope) => scope switch
    {
        TokenScope.Admin => Admin,
        TokenScope.Tenant => Tenant,
        TokenScope.ReadOnly => ReadOnly,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown token scope"),
    };

    /// <summary>False for anything but the three names, matched exactly.</summary>
    public static bool TryParse(string? text, out TokenScope scope)
    {
        (var known, scope) = text switch
        {
            Admin => (true, TokenScope.Admin),
            Tenant => (true, TokenScope.Tenant),
            ReadOnly => (true, TokenScope.ReadOnly),
            _ => (false, default),
        };
        return known;
    }
}
