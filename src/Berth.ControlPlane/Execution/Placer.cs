using Berth.Core.Hosts;
using Berth.Core.State;
using Berth.Scheduling.Placement;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// The optimistic loop around the pure scheduler (Nomad's plan applier): read a snapshot, plan, commit the plan through
/// the store; when a host moved on in between (stale version, or room taken), read again and plan again. Several placers, in one process
/// or many, can run at once against one database without over-committing a host.
/// </summary>
/// <remarks>
/// With <see cref="SnapshotReuse"/> the placer plans against the hosts it read last, updated with its own commits,
/// as Nomad's schedulers plan against a local copy of the state: the versions in the commit catch whatever changed
/// meanwhile, and a stale commit or a plan that does not fit reads the hosts again. The instance counts that
/// affinity and spread rules need are always read fresh.
/// </remarks>
public sealed class Placer(IStateStore store, Scheduler scheduler, TimeProvider? time = null)
{
    private readonly TimeProvider _clock = time ?? TimeProvider.System;
    private volatile HostsRead? _lastRead;

    /// <summary>How many times a plan is made before giving up on hosts that keep changing.</summary>
    public int MaxAttempts { get; init; } = 50;

    /// <summary>How long the hosts read for one placement may be planned against again; zero (the default) reads them for every placement.</summary>
    public TimeSpan SnapshotReuse { get; init; } = TimeSpan.Zero;

    /// <summary>Where hosts that missed their heartbeats are marked down; those get no new instance. Null places on every host.</summary>
    public IHostStatusStore? HostStatus { get; init; }

    /// <summary>Reserves <paramref name="count"/> instances of the request's app version for <paramref name="deploymentId"/>, all or none.</summary>
    public Task<PlacementOutcome> PlaceAsync(PlacementRequest request, int count, string deploymentId, CancellationToken cancellationToken) =>
        CommitAsync(request, deploymentId, snapshot => scheduler.Plan(snapshot, request, count), cancellationToken);

    /// <summary>Reserves one instance on every eligible host that has none of the version yet, all or none.</summary>
    public Task<PlacementOutcome> PlaceGlobalAsync(PlacementRequest request, string deploymentId, CancellationToken cancellationToken) =>
        CommitAsync(request, deploymentId, snapshot => scheduler.PlanGlobal(snapshot, request), cancellationToken);

    /// <summary>
    /// Places one unit that is not an instance (a managed service, kept in its own row): plans one placement on the
    /// hosts as they are now and hands the chosen host to <paramref name="commit"/>, which claims it at the version
    /// read; when the host moved on meanwhile, reads and plans again.
    /// </summary>
    /// <exception cref="LaunchFailedException">No host can take it (the reason names each host's refusal), or the hosts kept changing.</exception>
    public async Task<T> PlaceOneAsync<T>(PlacementRequest request, Func<Host, Task<T>> commit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var plan = scheduler.Plan(await ReadSnapshotAsync(request, cancellationToken), request, 1);
            if (!plan.Complete)
            {
                throw new LaunchFailedException(plan.Explain());
            }

            try
            {
                return await commit(plan.Placements[0].Host);
            }
            catch (Exception e) when (e is StaleHostException or InsufficientCapacityException or PortRangeExhaustedException)
            {
                if (attempt >= MaxAttempts)
                {
                    throw new LaunchFailedException($"the hosts kept changing while placing, last: {e.Message}", e);
                }
            }
        }
    }

    /// <summary>The hosts, then the instance counts the request's rules need.</summary>
    /// <remarks>
    /// Hosts first: a reservation that lands between the two reads shows in the counts, and bumps a version this
    /// snapshot holds, so a plan on that host fails as stale instead of missing the instance.
    /// </remarks>
    public Task<ClusterSnapshot> ReadSnapshotAsync(PlacementRequest request, CancellationToken cancellationToken) =>
        SnapshotAsync(request, fresh: true, cancellationToken);

    /// <summary>The hosts the request's rules exclude as they are now, each with the reason.</summary>
    public async Task<IReadOnlyList<HostRefusal>> IneligibleAsync(PlacementRequest request, CancellationToken cancellationToken) =>
        scheduler.Ineligible(await ReadSnapshotAsync(request, cancellationToken), request);

    private async Task<ClusterSnapshot> SnapshotAsync(PlacementRequest request, bool fresh, CancellationToken cancellationToken)
    {
        var reuse = _lastRead;
        var hosts = !fresh && reuse is not null && _clock.GetUtcNow() - reuse.At < SnapshotReuse
            ? reuse.Hosts
            : await ReadHostsAsync(cancellationToken);
        var counts = await store.CountInstancesAsync(request.CountedApps, cancellationToken);
        return new ClusterSnapshot(hosts, counts);
    }

    private async Task<IReadOnlyList<HostUsage>> ReadHostsAsync(CancellationToken cancellationToken)
    {
        var at = _clock.GetUtcNow();
        var hosts = await store.ListHostUsageAsync(cancellationToken);
        if (HostStatus is not null && await HostStatus.ListDownHostsAsync(cancellationToken) is { Count: > 0 } down)
        {
            hosts = [.. hosts.Where(u => !down.ContainsKey(u.Host.Name))];
        }
        if (SnapshotReuse > TimeSpan.Zero)
        {
            _lastRead = new HostsRead(hosts, at);
        }
        return hosts;
    }

    private async Task<PlacementOutcome> CommitAsync(
        PlacementRequest request, string deploymentId, Func<ClusterSnapshot, PlacementPlan> plan, CancellationToken cancellationToken)
    {
        var version = request.Version ?? throw new ArgumentException("a request to reserve must name its version", nameof(request));
        var fresh = false;
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await SnapshotAsync(request, fresh, cancellationToken);
            var current = plan(snapshot);
            if (!current.Complete && !fresh && SnapshotReuse > TimeSpan.Zero)
            {
                // A refusal is only given on hosts as they are now.
                fresh = true;
                current = plan(snapshot = await SnapshotAsync(request, fresh, cancellationToken));
            }
            if (!current.Complete || current.Placements.Count == 0)
            {
                return new PlacementOutcome([], current, attempt - 1);
            }

            var reservations = current.Placements.Select(p => Reservation(p.Host, request, version, deploymentId)).ToList();
            try
            {
                var instances = await store.ReserveInstancesAsync(reservations, cancellationToken);
                Remember(snapshot.Hosts, reservations);
                return new PlacementOutcome(instances, current, attempt - 1);
            }
            catch (Exception e) when (e is StaleHostException or InsufficientCapacityException or PortRangeExhaustedException && attempt < MaxAttempts)
            {
                // Another placement won a host of this plan: read again. When reusing, the first time only the plan's hosts:
                // if the next plan is stale too, other hosts moved on as well, and all are read.
                fresh = fresh || attempt > 1 || !await RefreshAsync(snapshot.Hosts, reservations, cancellationToken);
            }
        }
    }

    /// <summary>Re-reads the hosts of a stale plan into the reused snapshot; false when there is none to patch.</summary>
    private async Task<bool> RefreshAsync(IReadOnlyList<HostUsage> hosts, List<InstanceReservation> stale, CancellationToken cancellationToken)
    {
        var read = _lastRead;
        if (SnapshotReuse <= TimeSpan.Zero || read is null || !ReferenceEquals(read.Hosts, hosts))
        {
            return false;
        }

        var names = stale.Select(r => r.HostName).ToHashSet(StringComparer.Ordinal);
        var current = (await store.ListHostUsageAsync(names, cancellationToken)).ToDictionary(u => u.Host.Name, StringComparer.Ordinal);
        _lastRead = read with
        {
            Hosts = [.. hosts.Where(u => !names.Contains(u.Host.Name) || current.ContainsKey(u.Host.Name))
                .Select(u => current.GetValueOrDefault(u.Host.Name, u))],
        };
        return true;
    }

    /// <summary>Keeps the hosts just planned against, with this commit applied, for the next placement to reuse.</summary>
    private void Remember(IReadOnlyList<HostUsage> hosts, List<InstanceReservation> committed)
    {
        var read = _lastRead;
        if (SnapshotReuse <= TimeSpan.Zero || read is null || !ReferenceEquals(read.Hosts, hosts))
        {
            return;
        }

        var added = committed.GroupBy(r => r.HostName).ToDictionary(g => g.Key, g => (Memory: g.Sum(r => (long)r.MemoryMb), Cpu: g.Sum(r => (long)r.CpuShares), Count: g.Count()));
        var updated = hosts.Select(usage => added.TryGetValue(usage.Host.Name, out var plus)
            ? usage with
            {
                Host = usage.Host with { Version = usage.Host.Version + 1 },
                ReservedMemoryMb = usage.ReservedMemoryMb + plus.Memory,
                ReservedCpuShares = usage.ReservedCpuShares + plus.Cpu,
                PortsInUse = usage.PortsInUse + plus.Count,
            }
            : usage).ToList();
        _lastRead = read with { Hosts = updated };
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

    /// <summary>The hosts as read (and updated with this placer's own commits since) and when they were read.</summary>
    private sealed record HostsRead(IReadOnlyList<HostUsage> Hosts, DateTimeOffset At);
}
