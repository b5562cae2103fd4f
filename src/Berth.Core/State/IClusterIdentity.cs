namespace Berth.Core.State;

/// <summary>
/// The id of one Berth installation (one database), put on every container it makes, so that installations
/// sharing an engine never take each other's containers for orphans.
/// </summary>
public interface IClusterIdentity
{
    /// <summary>The installation's id, made on the first call and the same for every control plane on the database.</summary>
    Task<string> GetClusterIdAsync(CancellationToken cancellationToken);
}
