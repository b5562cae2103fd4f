using Berth.Core.Security;

namespace Berth.State.Rows;

/// <summary>An <c>api_tokens</c> row as Dapper reads and writes it.</summary>
internal sealed class ApiTokenRow
{
    public const string Columns =
        "id AS Id, tenant AS Tenant, token_hash AS TokenHash, scope AS Scope, description AS Description, " +
        "created_at AS CreatedAt, revoked_at AS RevokedAt";

    public string Id { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public string Scope { get; set; } = "";
    public string Description { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string? RevokedAt { get; set; }

    public static ApiTokenRow From(ApiToken token) => new()
    {
        Id = token.Id,
        Tenant = token.Tenant,
        TokenHash = token.TokenHash,
        Scope = TokenScopes.ToText(token.Scope),
        Description = token.Description,
        CreatedAt = StoredTime.ToText(token.CreatedAt),
        RevokedAt = token.RevokedAt is { } revoked ? StoredTime.ToText(revoked) : null,
    };

    public ApiToken ToToken() => new()
    {
        Id = Id,
        Tenant = Tenant,
        TokenHash = TokenHash,
        Scope = TokenScopes.TryParse(Scope, out var scope) ? scope : throw new FormatException($"token {Id} has an unknown scope '{Scope}'"),
        Description = Description,
        CreatedAt = StoredTime.Parse(CreatedAt),
        RevokedAt = RevokedAt is null ? null : StoredTime.Parse(RevokedAt),
    };
}
