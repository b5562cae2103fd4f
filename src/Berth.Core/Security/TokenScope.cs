namespace Berth.Core.Security;

/// <summary>What an API token may do.</summary>
public enum TokenScope
{
    /// <summary>Everything, on every tenant's behalf; only the admin tenant holds such tokens.</summary>
    Admin,

    /// <summary>Read and change what its tenant owns.</summary>
    Tenant,

    /// <summary>Read what its tenant may read (everything, for the admin), change nothing.</summary>
    ReadOnly,
}
