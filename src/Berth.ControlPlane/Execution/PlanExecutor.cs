using System.Diagnostics;
using System.Globalization;
using Berth.ControlPlane.Provisioning;
using Berth.ControlPlane.Telemetry;
using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.Services;
using Berth.Core.State;
using Berth.Scheduling.Constraints;
using Berth.Scheduling.Placement;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// The one place instances are started and retired (Nomad's plan applier). Deciders — deployments, healing, the
/// reconciler, host changes, drains — decide what should run and hand it over: <see cref="ApplyAsync(IReadOnlyList{LaunchRequest}, CancellationToken)"/>
/// places (snapshot, pure scheduler, optimistic commit, retry on stale), starts, waits healthy and registers;
/// <see cref="RetireAsync"/> deregisters, drains, stops, removes and releases.
/// </summary>
/// <remarks>
/// The clean-up rule: an apply succeeds whole or leaves nothing. When any instance fails, the others are let finish,
/// then every instance this apply reserved is undone — the ones serving retire (with their app's drain), the rest are
/// withdrawn from discovery, their containers removed and their reservations released — and the first failure is thrown
/// as a <see cref="LaunchFailedException"/>. With a provisioner configured, a placement that finds no room has a host
/// made for it (<see cref="HostProvisioning"/>) and is planned again; without one, or when none may be made, it fails.
/// </remarks>
public sealed class PlanExecutor(
    Placer placer,
    InstanceStarter starter,
    InstanceRetirer retirer,
    ServiceStarter services,
    HostProvisioning provisioning,
    ICrashPoints crash,
    IOptions<BerthOptions> options)
{
    /// <summary>Runs one request; returns its instances running, healthy and registered.</summary>
    public Task<IReadOnlyList<Instance>> ApplyAsync(LaunchRequest request, CancellationToken cancellationToken) =>
        ApplyAsync([request], cancellationToken);

    /// <summary>
    /// Runs every request together: all are placed first (each all or none), then started, at most
    /// <see cref="BerthOptions.LaunchParallelism"/> at once. Returns the new instances, running, healthy and registered.
    /// </summary>
    public async Task<IReadOnlyList<Instance>> ApplyAsync(IReadOnlyList<LaunchRequest> requests, CancellationToken cancellationToken)
    {
        var reserved = new List<(App App, Instance Instance)>();
        try
        {
            foreach (var request in requests)
            {
                reserved.AddRange((await ReserveAsync(request, cancellationToken)).Select(i => (request.App, i)));
            }
        }
        catch
        {
            await UndoAsync(reserved, []);
            throw;
        }

        return await StartAllAsync(reserved, cancellationToken);
    }

    /// <summary>Places a managed service: its host chosen by the scheduler, its memory and port reserved there in its own row.</summary>
    /// <exception cref="LaunchFailedException">No host can take it; the message says why each refused.</exception>
    /// <exception cref="ConflictException">The service's name is taken.</exception>
    public Task<ManagedService> PlaceServiceAsync(ManagedService draft, CancellationToken cancellationToken) =>
        services.ReserveAsync(draft, cancellationToken);

    /// <summary>Moves a service's reservation to <paramref name="hostName"/> (see <see cref="ServiceStarter.ReserveOnAsync"/>).</summary>
    /// <exception cref="LaunchFailedException">The host cannot take it; the message says why.</exception>
    public Task<ManagedService> ReserveServiceOnAsync(ManagedService service, string hostName, CancellationToken cancellationToken) =>
        services.ReserveOnAsync(service, hostName, cancellationToken);

    /// <summary>
    /// Runs a placed service's container on its host (made again with its volume when gone) and returns once its server
    /// answers its protocol's health check; it is not registered in discovery. The service's record stays whatever
    /// happens: on a <see cref="LaunchFailedException"/> the decider records why, for its tenant to see.
    /// </summary>
    public Task<ManagedService> StartServiceAsync(ServiceLaunchRequest request, CancellationToken cancellationToken) =>
        services.StartAsync(request, cancellationToken);

    /// <summary>Takes the instances out of service: out of discovery, <paramref name="drain"/> for requests in flight, stopped, removed, released.</summary>
    public Task RetireAsync(IReadOnlyCollection<Instance> instances, TimeSpan drain, CancellationToken cancellationToken) =>
        retirer.RetireAsync(instances, drain, cancellationToken);

    /// <summary>The hosts the app's rules exclude now for <paramref name="version"/>, with the reason for each, by host name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> IneligibleHostsAsync(App app, string version, CancellationToken cancellationToken) =>
        (await placer.IneligibleAsync(RequestFor(app, version), cancellationToken)).ToDictionary(r => r.Host, r => r.Reason);

    private async Task<IReadOnlyList<Instance>> ReserveAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        if (!request.PerHost && request.Count <= 0)
        {
            return [];
        }

        using var activity = BerthTelemetry.Source.StartActivity("place");
        activity?.SetTag(BerthTelemetry.AppTag, request.App.Id);
        activity?.SetTag(BerthTelemetry.VersionTag, request.Version);
        activity?.SetTag("berth.count", request.PerHost ? "per host" : request.Count.ToString(CultureInfo.InvariantCulture));
        var placement = RequestFor(request.App, request.Version);
        string? added = null;
        var fitted = 0;
        PlacementOutcome outcome;
        while (true)
        {
            var seen = provisioning.Generation;
            outcome = await PlaceAsync(request, placement, activity, cancellationToken);
            if (outcome.Placed || request.PerHost || placement.Host is not null || !provisioning.Enabled)
            {
                break;
            }

            // A host made for this request that fits none more of it (its rules exclude it, say) would only be followed by more of the same.
            if (added is not null && outcome.Plan.Placements.Count <= fitted)
            {
                throw new LaunchFailedException($"{outcome.Plan.Explain()} (host {added} was provisioned for it and takes none of it)");
            }

            fitted = outcome.Plan.Placements.Count;
            added = await provisioning.AddHostAsync(request, outcome.Plan.Explain(), seen, cancellationToken);
        }

        crash.Hit(CrashSteps.LaunchReserved);
        if (!outcome.Placed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "no host can take it");
        }

        return outcome.Placed ? outcome.Instances : throw new LaunchFailedException(outcome.Plan.Explain());
    }

    private async Task<PlacementOutcome> PlaceAsync(LaunchRequest request, PlacementRequest placement, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = request.PerHost
                ? await placer.PlaceGlobalAsync(placement, request.DeploymentId, cancellationToken)
                : await placer.PlaceAsync(placement, request.Count, request.DeploymentId, cancellationToken);
            ControlPlaneMetrics.Placed(outcome.Placed, outcome.Conflicts);
            return outcome;
        }
        catch (Exception e) when (e is StaleHostException or InsufficientCapacityException or PortRangeExhaustedException)
        {
            ControlPlaneMetrics.Placed(placed: false, placer.MaxAttempts);
            activity.Fail(e);
            throw new LaunchFailedException($"the hosts kept changing while placing, last: {e.Message}", e);
        }
    }

    private async Task<IReadOnlyList<Instance>> StartAllAsync(List<(App App, Instance Instance)> reserved, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(options.Value.LaunchParallelism);
        var started = new List<(App App, Instance Instance)>();
        var failures = new List<Exception>();
        await Task.WhenAll(reserved.Select(async launch =>
        {
            try
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    using var activity = BerthTelemetry.Source.StartActivity("launch");
                    activity?.SetTag(BerthTelemetry.AppTag, launch.App.Id);
                    activity?.SetTag(BerthTelemetry.VersionTag, launch.Instance.Version);
                    activity?.SetTag(BerthTelemetry.InstanceTag, launch.Instance.Id);
                    activity?.SetTag(BerthTelemetry.HostTag, launch.Instance.HostName);
                    var running = await starter.StartAsync(launch.App, launch.Instance, cancellationToken);
                    lock (started)
                    {
                        started.Add((launch.App, running));
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (Exception e)
            {
                lock (started)
                {
                    failures.Add(e);
                }
            }
        }));

        if (failures.Count == 0)
        {
            return [.. reserved.Select(r => started.First(s => s.Instance.Id == r.Instance.Id).Instance)];
        }

        await UndoAsync(reserved, started);
        var first = failures.OfType<LaunchFailedException>().FirstOrDefault() ?? failures[0];
        if (first is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw first;
        }

        throw first as LaunchFailedException ?? new LaunchFailedException(first.Message, first);
    }

    /// <summary>The clean-up rule: serving instances retire with their app's drain, every other one is discarded.</summary>
    private async Task UndoAsync(List<(App App, Instance Instance)> reserved, List<(App App, Instance Instance)> serving)
    {
        foreach (var group in serving.GroupBy(s => s.App.DrainSeconds))
        {
            await retirer.RetireAsync([.. group.Select(s => s.Instance)], TimeSpan.FromSeconds(group.Key), CancellationToken.None);
        }

        var retired = serving.Select(s => s.Instance.Id).ToHashSet();
        foreach (var (_, instance) in reserved.Where(r => !retired.Contains(r.Instance.Id)))
        {
            await starter.DiscardAsync(instance.Id, CancellationToken.None);
        }
    }

    private static PlacementRequest RequestFor(App app, string version)
    {
        try
        {
            return PlacementRequest.For(app, version);
        }
        catch (ConstraintFormatException e)
        {
            throw new LaunchFailedException(e.Message, e);
        }
    }
}
