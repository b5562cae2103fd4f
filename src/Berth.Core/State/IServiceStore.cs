using Berth.Core.Services;

namespace Berth.Core.State;

/// <summary>The managed services (PostgreSQL, MariaDB, Redis) and the host resources each holds.</summary>
public interface IServiceStore
{
    /// <summary>
    /// In one transaction: claims the service's host at <paramref name="expectedHostVersion"/> with its memory, takes
    /// the lowest free port of the host's range (held by no instance, no service, no block) and records the service
    /// with that port. Returns it as stored.
    /// </summary>
    /// <exception cref="ConflictException">A service of that name exists.</exception>
    /// <exception cref="StaleHostException">The host moved on since it was read.</exception>
    /// <exception cref="InsufficientCapacityException">The host lacks the memory.</exception>
    /// <exception cref="PortRangeExhaustedException">No port of the host's range is free.</exception>
    Task<ManagedService> ReserveServiceAsync(ManagedService service, long expectedHostVersion, CancellationToken cancellationToken);

    /// <summary>The service, or null.</summary>
    Task<ManagedService?> GetServiceAsync(string id, CancellationToken cancellationToken);

    /// <summary>The tenant's services, or every one (null), by name.</summary>
    Task<IReadOnlyList<ManagedService>> ListServicesAsync(string? tenant, CancellationToken cancellationToken);

    /// <summary>Records the service's container, state, reason and update time.</summary>
    /// <exception cref="KeyNotFoundException">The service is gone.</exception>
    Task UpdateServiceAsync(ManagedService service, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: claims <paramref name="hostName"/> at <paramref name="expectedHostVersion"/> with the service's
    /// memory and the lowest free port of its range, gives the old host its memory back, and records the service there
    /// without a container (its state and reason as given). Returns it as stored.
    /// </summary>
    /// <exception cref="StaleHostException">The host moved on since it was read.</exception>
    /// <exception cref="InsufficientCapacityException">The host lacks the memory.</exception>
    /// <exception cref="PortRangeExhaustedException">No port of the host's range is free.</exception>
    /// <exception cref="KeyNotFoundException">The service is gone.</exception>
    Task<ManagedService> MoveServiceAsync(ManagedService service, string hostName, long expectedHostVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the service the lowest port of its host's range that nothing holds and no block covers, in place of the one
    /// it has, and forgets its container (which the caller removes): the same host, memory and state, ready to start.
    /// </summary>
    /// <exception cref="PortRangeExhaustedException">No other port of the range is free (nothing changes).</exception>
    /// <exception cref="KeyNotFoundException">The service is gone.</exception>
    Task<ManagedService> MoveServiceToFreePortAsync(string id, CancellationToken cancellationToken);

    /// <summary>Forgets the service and gives its memory and port back to its host; false when it was gone.</summary>
    Task<bool> DeleteServiceAsync(string id, CancellationToken cancellationToken);

    /// <summary>Records a binding.</summary>
    /// <exception cref="ConflictException">The app is bound to the service already, or another of its bindings has the prefix.</exception>
    Task AddBindingAsync(ServiceBinding binding, CancellationToken cancellationToken);

    /// <summary>The bindings of a service, or of an app (the other null), oldest first.</summary>
    Task<IReadOnlyList<ServiceBinding>> ListBindingsAsync(string? serviceId, string? appId, CancellationToken cancellationToken);

    /// <summary>Forgets a binding; false when there was none.</summary>
    Task<bool> DeleteBindingAsync(string serviceId, string appId, CancellationToken cancellationToken);

    /// <summary>Records a new backup, or its outcome (same id).</summary>
    Task SaveBackupAsync(ServiceBackup backup, CancellationToken cancellationToken);

    /// <summary>The backups of a service, newest first.</summary>
    Task<IReadOnlyList<ServiceBackup>> ListBackupsAsync(string serviceId, CancellationToken cancellationToken);

    /// <summary>Forgets a backup's record (its file is the caller's); false when there was none.</summary>
    Task<bool> DeleteBackupAsync(string id, CancellationToken cancellationToken);

    /// <summary>Records a service's backup schedule, replacing the one it had.</summary>
    Task SaveBackupScheduleAsync(BackupSchedule schedule, CancellationToken cancellationToken);

    /// <summary>The service's backup schedule, or null.</summary>
    Task<BackupSchedule?> GetBackupScheduleAsync(string serviceId, CancellationToken cancellationToken);

    /// <summary>Every backup schedule, soonest due first.</summary>
    Task<IReadOnlyList<BackupSchedule>> ListBackupSchedulesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the service's backup schedule; false when it had none.</summary>
    Task<bool> DeleteBackupScheduleAsync(string serviceId, CancellationToken cancellationToken);
}
