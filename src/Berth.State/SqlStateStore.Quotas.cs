using Berth.Core.State;
using Berth.Core.Tenants;
using Berth.State.Rows;

namespace Berth.State;

/// <summary>Tenant quotas, one JSON row per tenant the admin set one for.</summary>
internal abstract partial class SqlStateStore : ITenantQuotaStore
{
    /// <inheritdoc />
    public async Task<TenantResources?> GetQuotaAsync(string tenant, CancellationToken cancellationToken)
    {
        var json = await QuerySingleOrDefaultAsync<string>("SELECT quota_json FROM tenant_quotas WHERE tenant = @tenant", new { tenant }, cancellationToken);
        return json is null ? null : StoredJson.Parse<TenantResources>(json);
    }

    /// <inheritdoc />
    public Task SetQuotaAsync(string tenant, TenantResources quota, CancellationToken cancellationToken) =>
        ReplaceAsync(
            "DELETE FROM tenant_quotas WHERE tenant = @Tenant",
            "INSERT INTO tenant_quotas (tenant, quota_json) VALUES (@Tenant, @Json)",
            new { Tenant = tenant, Json = StoredJson.ToText(quota) },
            $"tenant '{tenant}'",
            cancellationToken);
}
