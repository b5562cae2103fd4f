using System.Data.Common;
using Berth.Core.State;
using Berth.Core.Tenants;
using Berth.State.Rows;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    private const string SelectTenantSql = $"SELECT {TenantRow.Columns} FROM tenants";

    /// <inheritdoc />
    public async Task CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                "INSERT INTO tenants (name, token_hash, is_admin, created_at) VALUES (@Name, @TokenHash, @IsAdmin, @CreatedAt)",
                TenantRow.From(tenant),
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            // Two unique keys: say which one was taken.
            throw await GetTenantAsync(tenant.Name, cancellationToken) is null
                ? new ConflictException($"tenant '{tenant.Name}': another tenant has the same token")
                : new ConflictException($"tenant '{tenant.Name}' already exists");
        }
    }

    /// <inheritdoc />
    public async Task<Tenant?> GetTenantAsync(string name, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<TenantRow>($"{SelectTenantSql} WHERE name = @name", new { name }, cancellationToken))?.ToTenant();

    /// <inheritdoc />
    public async Task<Tenant?> FindTenantByTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<TenantRow>($"{SelectTenantSql} WHERE token_hash = @tokenHash", new { tokenHash }, cancellationToken))
        ?.ToTenant();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<TenantRow>($"{SelectTenantSql} ORDER BY name", null, cancellationToken)).ConvertAll(row => row.ToTenant());
}
