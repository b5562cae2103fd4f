using Berth.Core.Tenants;

namespace Berth.State.Rows;

/// <summary>A <c>tenants</c> row as Dapper reads and writes it.</summary>
internal sealed class TenantRow
{
    public const string Columns = "name AS Name, token_hash AS TokenHash, is_admin AS IsAdmin, created_at AS CreatedAt";

    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public bool IsAdmin { get; set; }
    public string CreatedAt { get; set; } = "";

    public static TenantRow From(Tenant tenant) => new()
    {
        Name = tenant.Name,
        TokenHash = tenant.TokenHash,
        IsAdmin = tenant.IsAdmin,
        CreatedAt = StoredTime.ToText(tenant.CreatedAt),
    };

    public Tenant ToTenant() => new()
    {
        Name = Name,
        TokenHash = TokenHash,
        IsAdmin = IsAdmin,
        CreatedAt = StoredTime.Parse(CreatedAt),
    };
}
