namespace Berth.Core.Runtime;

/// <summary>
/// Each tenant's containers share a network of their own, so they reach each other but no other tenant's
/// containers; the gateway still reaches them through their published ports. A project's services share a network
/// of the project instead, where they find each other by service name.
/// </summary>
public static class BerthNetworks
{
    public const string TenantPrefix = "berth-t-";

    public const string ProjectPrefix = "berth-p-";

    public static string ForTenant(string tenant) => TenantPrefix + tenant;

    /// <summary>The project's network; the dot cannot occur in tenant or project names, so two pairs never share one.</summary>
    public static string ForProject(string tenant, string project) => $"{ProjectPrefix}{tenant}.{project}";

    /// <summary>The engine's name of a project's named volume, kept apart per tenant and project like its network.</summary>
    public static string VolumeOf(string tenant, string project, string volume) => $"berth-v-{tenant}.{project}.{volume}";

    /// <summary>True for the networks Berth makes and may remove once no container uses them.</summary>
    public static bool IsBerths(string? network) =>
        network is not null && (network.StartsWith(TenantPrefix, StringComparison.Ordinal) || network.StartsWith(ProjectPrefix, StringComparison.Ordinal));
}
