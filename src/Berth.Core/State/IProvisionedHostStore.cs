using Berth.Core.Hosts;

namespace Berth.Core.State;

/// <summary>
/// The hosts Berth provisioned itself. A record is written before its host joins and removed only after the provisioner
/// destroyed the host, so a record without a host row is a machine still to be destroyed, never one forgotten.
/// </summary>
public interface IProvisionedHostStore
{
    /// <summary>Records a provisioned host.</summary>
    /// <exception cref="ConflictException">A provisioned host of that name is recorded already.</exception>
    Task AddProvisionedHostAsync(ProvisionedHost host, CancellationToken cancellationToken);

    /// <summary>Every provisioned host not destroyed yet, by name.</summary>
    Task<IReadOnlyList<ProvisionedHost>> ListProvisionedHostsAsync(CancellationToken cancellationToken);

    /// <summary>Forgets a destroyed host; false when none of that name was recorded.</summary>
    Task<bool> DeleteProvisionedHostAsync(string name, CancellationToken cancellationToken);
}
