using Berth.Core.Apps;
using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.Tenants;

namespace Berth.Core.State;

/// <summary>
/// Berth's desired and recorded state in a relational database. Writes that must not be lost half-way
/// (a reservation, an app's removal) are single transactions.
/// </summary>
public interface IStateStore
{
    /// <summary>Brings the schema to the newest version; safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Throws <see cref="ConflictException"/> when the name is taken.</summary>
    Task CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken);
    Task<Tenant?> GetTenantAsync(string name, CancellationToken cancellationToken);
    Task<Tenant?> FindTenantByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);
    Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken);

    /// <summary>Throws <see cref="ConflictException"/> when the id is taken by any tenant.</summary>
    Task CreateAppAsync(App app, CancellationToken cancellationToken);
    Task<App?> GetAppAsync(string id, CancellationToken cancellationToken);
    /// <summary>All apps, or a tenant's.</summary>
    Task<IReadOnlyList<App>> ListAppsAsync(string? tenant, CancellationToken cancellationToken);
    /// <summary>Replaces the app's row (active version, instances, settings).</summary>
    Task UpdateAppAsync(App app, CancellationToken cancellationToken);
    /// <summary>Deletes the app with its deployments; its instances must be released first.</summary>
    Task DeleteAppAsync(string id, CancellationToken cancellationToken);

    Task CreateDeploymentAsync(Deployment deployment, CancellationToken cancellationToken);
    Task UpdateDeploymentAsync(Deployment deployment, CancellationToken cancellationToken);
    Task<Deployment?> GetDeploymentAsync(string appId, string deploymentId, CancellationToken cancellationToken);
    /// <summary>An app's deployments, newest first.</summary>
    Task<IReadOnlyList<Deployment>> ListDeploymentsAsync(string appId, CancellationToken cancellationToken);

    /// <summary>Adds the host, or updates its engine, TLS files, address, range, capacity and labels (not its version or drain flag).</summary>
    Task UpsertHostAsync(Host host, CancellationToken cancellationToken);
    Task<Host?> GetHostAsync(string name, CancellationToken cancellationToken);
    /// <summary>Adds a host; throws <see cref="ConflictException"/> when the name is taken.</summary>
    Task CreateHostAsync(Host host, CancellationToken cancellationToken);
    /// <summary>
    /// Writes the host's labels and drain flag if the stored host is still at <see cref="Host.Version"/>, bumping
    /// the version so placements computed before the change turn stale. Throws <see cref="StaleHostException"/>.
    /// </summary>
    Task<Host> UpdateHostAsync(Host host, CancellationToken cancellationToken);
    /// <summary>Deletes a host that holds no instance; throws <see cref="ConflictException"/> when one is still on it.</summary>
    Task DeleteHostAsync(string name, CancellationToken cancellationToken);
    /// <summary>Every host with what is reserved on it: the snapshot the scheduler places against.</summary>
    Task<IReadOnlyList<HostUsage>> ListHostUsageAsync(CancellationToken cancellationToken);
    /// <summary>The named hosts that exist, with what is reserved on them: a cheap refresh of the hosts a stale plan used.</summary>
    Task<IReadOnlyList<HostUsage>> ListHostUsageAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: checks the host is still at <see cref="InstanceReservation.ExpectedHostVersion"/>,
    /// that memory and CPU shares fit, takes the lowest free port of the host's range, inserts the instance
    /// in <see cref="InstanceState.Reserved"/> and bumps the host's version.
    /// Throws <see cref="StaleHostException"/>, <see cref="PortRangeExhaustedException"/> or <see cref="InsufficientCapacityException"/>.
    /// </summary>
    Task<Instance> ReserveInstanceAsync(InstanceReservation reservation, CancellationToken cancellationToken);

    /// <summary>
    /// Commits a placement plan: every reservation, or none, in one transaction, each host checked at its expected
    /// version and bumped once. Throws what <see cref="ReserveInstanceAsync"/> throws.
    /// </summary>
    Task<IReadOnlyList<Instance>> ReserveInstancesAsync(IReadOnlyList<InstanceReservation> reservations, CancellationToken cancellationToken);

    /// <summary>Per host and version, how many instances the given apps have: what affinity and spread rules need.</summary>
    Task<IReadOnlyList<HostAppInstances>> CountInstancesAsync(IReadOnlyCollection<string> appIds, CancellationToken cancellationToken);

    /// <summary>Records the container id, state and health of an instance.</summary>
    Task UpdateInstanceAsync(Instance instance, CancellationToken cancellationToken);

    /// <summary>Deletes the instance, which releases its port and resources.</summary>
    Task ReleaseInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task<Instance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);
    /// <summary>All instances, or an app's.</summary>
    Task<IReadOnlyList<Instance>> ListInstancesAsync(string? appId, CancellationToken cancellationToken);
}
