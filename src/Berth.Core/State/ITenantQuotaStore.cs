using Berth.Core.Tenants;

namespace Berth.Core.State;

/// <summary>The quotas the admin set for tenants; a tenant without one has the server's defaults.</summary>
public interface ITenantQuotaStore
{
    /// <summary>The tenant's own quota, or null when it has the defaults.</summary>
    Task<TenantResources?> GetQuotaAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Sets the tenant's quota. Throws <see cref="KeyNotFoundException"/> when the tenant does not exist.</summary>
    Task SetQuotaAsync(string tenant, TenantResources quota, CancellationToken cancellationToken);
}
