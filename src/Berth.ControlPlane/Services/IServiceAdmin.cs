using Berth.Core.Services;

namespace Berth.ControlPlane.Services;

/// <summary>
/// What the control plane does inside one kind of server, over its own protocol on the service's published port
/// (never HTTP): the health check, the service's database, and one user per binding.
/// </summary>
internal interface IServiceAdmin
{
    /// <summary>Completes when the server answers its protocol's health check as administrator; throws otherwise.</summary>
    Task PingAsync(ServiceAddress address, CancellationToken cancellationToken);

    /// <summary>Makes the service's database if it is missing (idempotent: run after every start).</summary>
    Task PrepareAsync(ServiceAddress address, ManagedService service, CancellationToken cancellationToken);

    /// <summary>Makes a user with rights on the service's database only (replacing one of the same name).</summary>
    Task CreateUserAsync(ServiceAddress address, ManagedService service, string user, string password, CancellationToken cancellationToken);

    /// <summary>Drops the user and ends its sessions, so its credentials fail from now on. A missing user is not an error.</summary>
    Task DropUserAsync(ServiceAddress address, ManagedService service, string user, CancellationToken cancellationToken);
}
