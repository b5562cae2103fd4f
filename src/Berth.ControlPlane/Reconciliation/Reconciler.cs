using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Health;
using Berth.Core.Apps;
using Berth.Core.Discovery;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>
/// Closes every difference between what is wanted (apps, versions and instance counts in the store) and what is
/// (containers with this installation's label on every host, entries in discovery): removes containers no instance
/// owns, adopts running ones a crash left unrecorded, finishes interrupted retires and deletes, gives up instances
/// whose container is gone, retires what is surplus, starts what is short, and makes discovery list exactly the
/// healthy running instances. Each app is reconciled under its lock, so a pass never sees a deployment half-way.
/// </summary>
public sealed partial class Reconciler(
    IStateStore store,
    IHostStatusStore hostStatus,
    IDiscoveryStore discovery,
    ServiceRegistry registry,
    IContainerRuntimeFactory runtimes,
    DeploymentCoordinator coordinator,
    PlanExecutor executor,
    InstanceHealer healer,
    AppLifecycle lifecycle,
    HealthProbe probe,
    ClusterLabel cluster,
    AppEventRecorder events,
    ControlPlaneScope scope,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<Reconciler> logger)
{
    // A hung engine (stopped, overloaded) must not stall the pass for every other host.
    private static readonly TimeSpan EngineCallLimit = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, (int Failures, DateTimeOffset NotBefore)> launchBackoff = [];

    /// <summary>
    /// Alone on its state, this process knows that every half-done thing in the store is an orphan of its own
    /// previous life; with several control planes it waits until such things are clearly abandoned.
    /// </summary>
    private bool Alone => scope.Alone;

    private TimeSpan AbandonedAfter => TimeSpan.FromSeconds(2 * options.Value.StartupTimeoutSeconds + 60);

    /// <summary>
    /// The pass a single control plane makes before it serves: deployments a crash interrupted are marked failed,
    /// and everything is reconciled except starting new instances, which the first background pass does.
    /// </summary>
    public async Task RecoverAtStartAsync(CancellationToken cancellationToken)
    {
        foreach (var app in await store.ListAppsAsync(null, cancellationToken))
        {
            foreach (var deployment in (await store.ListDeploymentsAsync(app.Id, cancellationToken)).Where(d => d.State is DeploymentState.Pending or DeploymentState.Running))
            {
                await InterruptAsync(app, deployment, cancellationToken);
            }
        }

        await ReconcileAsync(launch: false, cancellationToken);
    }

    /// <summary>One full pass; <paramref name="launch"/> false leaves missing instances for a later pass.</summary>
    public async Task ReconcileAsync(bool launch, CancellationToken cancellationToken)
    {
        var down = await hostStatus.ListDownHostsAsync(cancellationToken);
        var hosts = (await store.ListHostUsageAsync(cancellationToken)).Select(u => u.Host).Where(h => !down.ContainsKey(h.Name)).ToList();
        // Engines first, rows after: a launch writes its row before it creates its container, so every container
        // listed here that belongs to a live instance has its row in the read below.
        var listed = await ListContainersAsync(hosts, cancellationToken);
        var instances = await store.ListInstancesAsync(null, cancellationToken);
        var apps = (await store.ListAppsAsync(null, cancellationToken)).ToDictionary(a => a.Id);
        var adoptable = await RemoveUnownedAsync(listed, instances, apps, cancellationToken);

        foreach (var appId in apps.Keys)
        {
            try
            {
                await coordinator.TryRunExclusiveAsync(appId, token => ReconcileAppAsync(appId, down, adoptable, launch, token), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogAppFailed(logger, e, appId);
            }
        }

        await RemoveForeignDiscoveryAsync(apps, cancellationToken);
    }

    private async Task<Dictionary<Host, IReadOnlyList<ContainerInfo>>> ListContainersAsync(List<Host> hosts, CancellationToken cancellationToken)
    {
        var selector = await cluster.SelectorAsync(cancellationToken);
        var listed = new Dictionary<Host, IReadOnlyList<ContainerInfo>>();
        foreach (var host in hosts)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(EngineCallLimit);
                listed[host] = await runtimes.For(host).ListAsync(selector, limit.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // An engine that does not answer is the host monitor's business; its containers are left as they are.
                LogHostUnreachable(logger, host.Name, e.Message);
            }
        }

        return listed;
    }

    /// <summary>Removes containers no instance owns; returns the containers a crash left unrecorded on their instance, by instance id.</summary>
    private async Task<Dictionary<string, ContainerInfo>> RemoveUnownedAsync(
        Dictionary<Host, IReadOnlyList<ContainerInfo>> listed, IReadOnlyList<Instance> instances, Dictionary<string, App> apps, CancellationToken cancellationToken)
    {
        var rows = instances.ToDictionary(i => i.Id);
        var adoptable = new Dictionary<string, ContainerInfo>();
        foreach (var (host, containers) in listed)
        {
            foreach (var container in containers)
            {
                var instanceId = container.Labels.GetValueOrDefault(BerthLabels.Instance);
                if (instanceId is not null && rows.TryGetValue(instanceId, out var row) && row.HostName == host.Name)
                {
                    if (row.ContainerId == container.Id)
                    {
                        continue;
                    }

                    if (row.ContainerId is null)
                    {
                        adoptable[row.Id] = container;
                        continue;
                    }
                }

                await runtimes.For(host).RemoveAsync(container.Id, cancellationToken);
                var appId = container.Labels.GetValueOrDefault(BerthLabels.App);
                LogOrphanRemoved(logger, container.Name, host.Name);
                if (appId is not null && apps.ContainsKey(appId))
                {
                    await events.RecordAsync(appId, AppEventType.Reconciled, $"removed container {container.Name} on {host.Name}: no instance owns it", hostName: host.Name);
                }
            }
        }

        return adoptable;
    }

    private async Task ReconcileAppAsync(
        string appId, IReadOnlyDictionary<string, DateTimeOffset> down, Dictionary<string, ContainerInfo> adoptable, bool launch, CancellationToken cancellationToken)
    {
        var app = await store.GetAppAsync(appId, cancellationToken);
        if (app is null)
        {
            return;
        }

        if (app.Deleting)
        {
            await lifecycle.CompleteDeleteAsync(app.Id, cancellationToken);
            LogDeleteFinished(logger, app.Id);
            return;
        }

        foreach (var instance in await store.ListInstancesAsync(appId, cancellationToken))
        {
            try
            {
                await RepairAsync(app, instance, down, adoptable, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogInstanceFailed(logger, e, appId, instance.Id);
            }
        }

        // Remove-on-failure may have lowered the count: read the app again.
        app = await store.GetAppAsync(appId, cancellationToken) ?? app;
        if (Alone || !await DeploymentInFlightAsync(app, cancellationToken))
        {
            await MatchCountAsync(app, launch, cancellationToken);
        }

        await SyncDiscoveryAsync(app, cancellationToken);
    }

    /// <summary>Brings one instance's record in line with its container.</summary>
    private async Task RepairAsync(
        App app, Instance instance, IReadOnlyDictionary<string, DateTimeOffset> down, Dictionary<string, ContainerInfo> adoptable, CancellationToken cancellationToken)
    {
        if (down.ContainsKey(instance.HostName))
        {
            await healer.LoseLockedAsync(instance, $"host {instance.HostName} is down", cancellationToken);
            return;
        }

        var (container, known) = await ContainerOfAsync(instance, adoptable, cancellationToken);
        if (!known)
        {
            return;
        }

        switch (instance.State)
        {
            case InstanceState.Reserved or InstanceState.Starting when Alone || time.GetUtcNow() - instance.UpdatedAt > AbandonedAfter:
                await AdoptOrDropAsync(app, instance, container, cancellationToken);
                break;
            case InstanceState.Draining or InstanceState.Stopped:
            case InstanceState.Failed when instance.NextRestartAt is null:
                await executor.RetireAsync([instance], TimeSpan.Zero, cancellationToken);
                await events.RecordAsync(app.Id, AppEventType.Reconciled, "finished retiring it", instance);
                break;
            case InstanceState.Running or InstanceState.Restarting or InstanceState.Failed when container is null:
                await healer.LoseLockedAsync(instance, "its container is gone", cancellationToken);
                break;
            case InstanceState.Running when !container!.Running:
                await healer.FailLockedAsync(instance, AppEventType.Exited, $"its container is {container.Status}", launchReplacement: false, cancellationToken);
                break;
        }
    }

    /// <summary>The instance's container; known is false when its engine did not answer, so nothing may be concluded.</summary>
    private async Task<(ContainerInfo? Container, bool Known)> ContainerOfAsync(
        Instance instance, Dictionary<string, ContainerInfo> adoptable, CancellationToken cancellationToken)
    {
        if (instance.ContainerId is null)
        {
            return (adoptable.GetValueOrDefault(instance.Id), true);
        }

        if (await store.GetHostAsync(instance.HostName, cancellationToken) is not { } host)
        {
            return (null, true);
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(EngineCallLimit);
            return (await runtimes.For(host).InspectAsync(instance.ContainerId, limit.Token), true);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, false);
        }
    }

    /// <summary>A launch a crash interrupted: keep it if its container runs a wanted version (active or canary) and is healthy, drop it otherwise.</summary>
    private async Task AdoptOrDropAsync(App app, Instance instance, ContainerInfo? container, CancellationToken cancellationToken)
    {
        if (container is { Running: true } && (instance.Version == app.ActiveVersion || instance.Version == app.CanaryVersion)
            && await probe.CheckAsync(instance.Address, app.HealthCheck, cancellationToken))
        {
            instance = instance with { ContainerId = container.Id, State = InstanceState.Running, Health = InstanceHealth.Healthy };
            await registry.RegisterAsync(app.Id, instance.Version, container.Id, instance.Address, cancellationToken);
            await store.UpdateInstanceAsync(instance, cancellationToken);
            await events.RecordAsync(app.Id, AppEventType.Adopted, $"adopted its running container {container.Name}, left unrecorded by a restart", instance);
            return;
        }

        if (container is not null && await store.GetHostAsync(instance.HostName, cancellationToken) is { } host)
        {
            await runtimes.For(host).RemoveAsync(container.Id, cancellationToken);
        }

        await store.ReleaseInstanceAsync(instance.Id, cancellationToken);
        await events.RecordAsync(app.Id, AppEventType.Reconciled, "dropped: its launch was interrupted before it served", instance);
    }

    /// <summary>With several control planes, another one may be deploying the app right now: its count is not ours to fix.</summary>
    private async Task<bool> DeploymentInFlightAsync(App app, CancellationToken cancellationToken)
    {
        var inFlight = false;
        foreach (var deployment in (await store.ListDeploymentsAsync(app.Id, cancellationToken)).Where(d => d.State is DeploymentState.Pending or DeploymentState.Running))
        {
            if (time.GetUtcNow() - deployment.UpdatedAt > AbandonedAfter)
            {
                await InterruptAsync(app, deployment, cancellationToken);
            }
            else
            {
                inFlight = true;
            }
        }

        return inFlight;
    }

    private async Task InterruptAsync(App app, Deployment deployment, CancellationToken cancellationToken)
    {
        var reason = $"interrupted: Berth stopped before it finished; the app runs {app.ActiveVersion ?? "no version"} with {app.Instances} instance(s)";
        await store.UpdateDeploymentAsync(deployment with { State = DeploymentState.Failed, Reason = reason, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        await events.RecordAsync(app.Id, AppEventType.DeploymentInterrupted, $"deployment {deployment.Id} of {deployment.Version} {reason}");
    }

    /// <summary>
    /// Exactly <see cref="App.Instances"/> instances of the active version and <see cref="App.CanaryInstances"/> of the canary:
    /// other versions and surplus retire, what is short starts.
    /// </summary>
    private async Task MatchCountAsync(App app, bool launch, CancellationToken cancellationToken)
    {
        var instances = await store.ListInstancesAsync(app.Id, cancellationToken);
        var stray = instances.Where(i => i.Version != app.ActiveVersion && i.Version != app.CanaryVersion).ToList();
        var current = ServingFirst(instances.Where(i => i.Version == app.ActiveVersion));
        var canaries = ServingFirst(instances.Where(i => app.CanaryVersion is not null && i.Version == app.CanaryVersion));
        // A global app runs one instance per eligible host: its count is the scheduler's, through reconciling deployments.
        var wanted = app.ActiveVersion is null ? 0 : app.Placement.Global ? current.Count : app.Instances;
        var wantedCanaries = app.CanaryVersion is null ? 0 : app.CanaryInstances;
        var surplus = stray.Concat(current.Skip(wanted)).Concat(canaries.Skip(wantedCanaries)).ToList();
        if (surplus.Count > 0)
        {
            await executor.RetireAsync(surplus, TimeSpan.Zero, cancellationToken);
            var canary = app.CanaryVersion is null ? "" : $" and the {wantedCanaries} of its canary {app.CanaryVersion}";
            await events.RecordAsync(app.Id, AppEventType.Reconciled,
                $"retired {surplus.Count} instance(s) beyond the {wanted} of {app.ActiveVersion ?? "no version"}{canary} the app wants: {string.Join(", ", surplus.Select(i => $"{i.Id} ({i.Version})"))}");
        }

        if (!launch || launchBackoff.TryGetValue(app.Id, out var backoff) && backoff.NotBefore > time.GetUtcNow())
        {
            return;
        }

        if (app.ActiveVersion is { } version && await LaunchMissingAsync(app, version, wanted - Math.Min(current.Count, wanted), wanted, cancellationToken)
            && app.CanaryVersion is { } canaryVersion)
        {
            await LaunchMissingAsync(app, canaryVersion, wantedCanaries - Math.Min(canaries.Count, wantedCanaries), wantedCanaries, cancellationToken);
        }
    }

    /// <summary>Running, not unhealthy instances first, oldest first: the ones kept when there are too many.</summary>
    private static List<Instance> ServingFirst(IEnumerable<Instance> instances) =>
        [.. instances.OrderBy(i => i.State == InstanceState.Running && i.Health != InstanceHealth.Unhealthy ? 0 : 1).ThenBy(i => i.CreatedAt)];

    /// <summary>Starts <paramref name="missing"/> instances of the version; false (and a back-off) when one fails.</summary>
    private async Task<bool> LaunchMissingAsync(App app, string version, int missing, int wanted, CancellationToken cancellationToken)
    {
        if (missing == 0)
        {
            return true;
        }

        var deploymentId = (await store.ListDeploymentsAsync(app.Id, cancellationToken)).FirstOrDefault(d => d.Version == version)?.Id ?? "reconciler";
        for (var i = 0; i < missing; i++)
        {
            try
            {
                await executor.ApplyAsync(new LaunchRequest(app, version, 1, deploymentId), cancellationToken);
                launchBackoff.Remove(app.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failures = launchBackoff.GetValueOrDefault(app.Id).Failures + 1;
                var wait = RestartBackoff.Delay(failures, options.Value.Healing.RestartBackoff, options.Value.Healing.MaxRestartBackoff);
                launchBackoff[app.Id] = (failures, time.GetUtcNow() + wait);
                await events.RecordAsync(app.Id, AppEventType.LaunchFailed,
                    $"could not start a missing instance of {version} ({missing - i} short of {wanted}): {e.Message}; next try in {wait.TotalSeconds:0.#} s");
                return false;
            }
        }

        return true;
    }

    /// <summary>Discovery lists exactly the app's running, not unhealthy instances, at their addresses.</summary>
    private async Task SyncDiscoveryAsync(App app, CancellationToken cancellationToken)
    {
        var serving = (await store.ListInstancesAsync(app.Id, cancellationToken))
            .Where(i => i is { State: InstanceState.Running, ContainerId: not null } && i.Health != InstanceHealth.Unhealthy)
            .ToDictionary(i => ServiceKeys.Address(i.AppId, i.Version, i.ContainerId!));
        var entries = (await discovery.GetPrefixAsync(ServiceKeys.AppPrefix(app.Id), cancellationToken)).Entries.ToDictionary(e => e.Key, e => e.Value);
        var changes = new List<string>();
        foreach (var (key, _) in entries.Where(e => !serving.TryGetValue(e.Key, out var i) || i.Address != e.Value))
        {
            await discovery.DeleteAsync(key, cancellationToken);
            changes.Add($"withdrew {key[ServiceKeys.AddressRoot.Length..]}");
        }

        foreach (var (key, instance) in serving.Where(s => entries.GetValueOrDefault(s.Key) != s.Value.Address))
        {
            await registry.RegisterAsync(instance.AppId, instance.Version, instance.ContainerId!, instance.Address, cancellationToken);
            changes.Add($"registered {instance.Id} at {instance.Address}");
        }

        if ((await discovery.GetPrefixAsync(AppKeys.Marker(app.Id), cancellationToken)).Entries.All(e => e.Key != AppKeys.Marker(app.Id)))
        {
            await registry.AddAppAsync(app.Id, app.Tenant, cancellationToken);
        }

        if (changes.Count > 0)
        {
            await events.RecordAsync(app.Id, AppEventType.Reconciled, $"discovery corrected: {string.Join("; ", changes)}");
        }
    }

    /// <summary>Entries and markers of apps the store does not know any more (a delete a crash cut short).</summary>
    private async Task RemoveForeignDiscoveryAsync(Dictionary<string, App> apps, CancellationToken cancellationToken)
    {
        foreach (var entry in (await discovery.GetPrefixAsync(ServiceKeys.AddressRoot, cancellationToken)).Entries)
        {
            if (ServiceKeys.TryParseAddress(entry.Key, out var appId, out _, out _) && !apps.ContainsKey(appId))
            {
                await discovery.DeleteAsync(entry.Key, cancellationToken);
            }
        }

        foreach (var entry in (await discovery.GetPrefixAsync(AppKeys.Root, cancellationToken)).Entries)
        {
            if (AppKeys.TryParseMarker(entry.Key, out var appId) && !apps.ContainsKey(appId))
            {
                await discovery.DeleteAsync(entry.Key, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconcile: host {Host} does not answer ({Reason}); its containers are left alone")]
    private static partial void LogHostUnreachable(ILogger logger, string host, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile: removed container {Container} on {Host}: no instance owns it")]
    private static partial void LogOrphanRemoved(ILogger logger, string container, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile: finished deleting app {AppId}")]
    private static partial void LogDeleteFinished(ILogger logger, string appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile: app {AppId} failed; retried next pass")]
    private static partial void LogAppFailed(ILogger logger, Exception exception, string appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile: instance {InstanceId} of {AppId} failed; retried next pass")]
    private static partial void LogInstanceFailed(ILogger logger, Exception exception, string appId, string instanceId);
}
