using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.State;

namespace Berth.Scheduling.Placement;

/// <summary>
/// The optimistic loop around the scheduler: read a snapshot, plan, commit the plan through the store; when a host
/// moved on in between (stale version, or room taken), read again and plan again. Several placers, in one process
/// or many, can run at once against one database without over-committing a host.
/// </summary>
public sealed class Placer(IStateStore store, Scheduler scheduler)
{
    /// <summary>How many times a plan is made before giving up on hosts that keep changing.</summary>
    public int MaxAttempts { get; init; } = 50;

    /// <summary>Reserves <paramref name="count"/> instances of the request's app version for <paramref name="deploymentId"/>, all or none.</summary>
    public Task<PlacementOutcome> PlaceAsync(PlacementRequest request, int count, string deploymentId, CancellationToken cancellationToken) =>
        CommitAsync(request, deploymentId, snapshot => scheduler.Plan(snapshot, request, count), cancellationToken);

    /// <summary>Reserves one instance on every eligible host that has none of the version yet, all or none.</summary>
    public Task<PlacementOutcome> PlaceGlobalAsync(PlacementRequest request, string deploymentId, CancellationToken cancellationToken) =>
        CommitAsync(request, deploymentId, snapshot => scheduler.PlanGlobal(snapshot, request), cancellationToken);

    /// <summary>The hosts, then the instance counts the request's rules need.</summary>
    /// <remarks>
    /// Hosts first: a reservation that lands between the two reads shows in the counts, and bumps a version this
    /// snapshot holds, so a plan on that host fails as stale instead of missing the instance.
    /// </remarks>
    public async Task<ClusterSnapshot> ReadSnapshotAsync(PlacementRequest request, CancellationToken cancellationToken)
    {
        var hosts = await store.ListHostUsageAsync(cancellationToken);
        var counts = await store.CountInstancesAsync(request.CountedApps, cancellationToken);
        return new ClusterSnapshot(hosts, counts);
    }

    private async Task<PlacementOutcome> CommitAsync(
        PlacementRequest request, string deploymentId, Func<ClusterSnapshot, PlacementPlan> plan, CancellationToken cancellationToken)
    {
        var version = request.Version ?? throw new ArgumentException("a request to reserve must name its version", nameof(request));
        for (var attempt = 1; ; attempt++)
        {
            var current = plan(await ReadSnapshotAsync(request, cancellationToken));
            if (!current.Complete || current.Placements.Count == 0)
            {
                return new PlacementOutcome([], current, attempt - 1);
            }

            var reservations = current.Placements.Select(p => Reservation(p.Host, request, version, deploymentId)).ToList();
            try
            {
                var instances = await store.ReserveInstancesAsync(reservations, cancellationToken);
                return new PlacementOutcome(instances, current, attempt - 1);
            }
            catch (Exception e) when (e is StaleHostException or InsufficientCapacityException or PortRangeExhaustedException && attempt < MaxAttempts)
            {
                // Another placement won a host of this plan: its snapshot is out of date, so read again.
            }
        }
    }

    private static InstanceReservation Reservation(Host host, PlacementRequest request, string version, string deploymentId) => new()
    {
        InstanceId = NewInstanceId(),
        AppId = request.AppId,
        Version = version,
        DeploymentId = deploymentId,
        HostName = host.Name,
        ExpectedHostVersion = host.Version,
        MemoryMb = request.MemoryMb,
        CpuShares = request.CpuShares,
    };

    private static string NewInstanceId() => Guid.NewGuid().ToString("N")[..12];
}
