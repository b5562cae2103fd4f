using Berth.Contracts;
using Berth.Core.Tenants;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps a tenant's <see cref="TenantResources"/> onto its quota view, key by key.</summary>
internal static class QuotaViewMapping
{
    extension(QuotaView)
    {
        public static QuotaView From(string tenant, TenantResources limit, TenantResources used, bool isDefault) =>
            new(tenant, ByKey(limit), ByKey(used), isDefault);
    }

    private static Dictionary<string, int> ByKey(TenantResources resources) =>
        TenantResources.Keys.ToDictionary(k => k.Name, k => k.Get(resources), StringComparer.Ordinal);
}
