namespace Berth.Core.Runtime;

/// <summary>
/// Each tenant's containers share a network of their own, so they reach each other but no other tenant's
/// containers; the gateway still reaches them through their published ports.
/// </summary>
public static class BerthNetworks
{
    public const string TenantPrefix = "berth-t-";

    public static string ForTenant(string tenant) => TenantPrefix + tenant;

    /// <summary>True for the networks Berth makes and may remove once no container uses them.</summary>
    public static bool IsBerths(string? network) => network is not null && network.StartsWith(TenantPrefix, StringComparison.Ordinal);
}
