using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Telemetry;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>
/// Closes every difference between what is wanted (apps, versions and instance counts in the store) and what is
/// (containers with this installation's label on every host, entries in discovery): removes containers no instance
/// owns, adopts running ones a crash left unrecorded, finishes interrupted retires and deletes, gives up instances
/// whose container is gone, retires what is surplus, starts what is short, and makes discovery list exactly the
/// healthy running instances. Each app is reconciled under its lock, so a pass never sees a deployment half-way.
/// What starts and stops goes through the executor; each step is a collaborator of its own.
/// </summary>
public sealed partial class Reconciler(
    IStateStore store,
    IHostStatusStore hostStatus,
    DeploymentCoordinator coordinator,
    AppLifecycle lifecycle,
    ContainerSweep sweep,
    InstanceRepair repair,
    CountMatcher counts,
    DeploymentsInFlight deployments,
    DiscoverySync discovery,
    ILogger<Reconciler> logger)
{
    /// <summary>
    /// The pass a single control plane makes before it serves: deployments a crash interrupted are marked failed,
    /// and everything is reconciled except starting new instances, which the first background pass does.
    /// </summary>
    public async Task RecoverAtStartAsync(CancellationToken cancellationToken)
    {
        foreach (var app in await store.ListAppsAsync(null, cancellationToken))
        {
            await deployments.InterruptAllAsync(app, cancellationToken);
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
        var listed = await sweep.ListAsync(hosts, cancellationToken);
        var instances = await store.ListInstancesAsync(null, cancellationToken);
        ControlPlaneMetrics.InstancesRead(instances);
        var apps = (await store.ListAppsAsync(null, cancellationToken)).ToDictionary(a => a.Id);
        var adoptable = await sweep.RemoveUnownedAsync(listed, instances, apps, cancellationToken);

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

        await discovery.RemoveForeignAsync(apps, cancellationToken);
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
                await repair.RepairAsync(app, instance, down, adoptable, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogInstanceFailed(logger, e, appId, instance.Id);
            }
        }

        // Remove-on-failure may have lowered the count: read the app again.
        app = await store.GetAppAsync(appId, cancellationToken) ?? app;
        if (!await deployments.OthersDeployingAsync(app, cancellationToken))
        {
            await counts.MatchAsync(app, launch, cancellationToken);
        }

        await discovery.SyncAsync(app, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile: finished deleting app {AppId}")]
    private static partial void LogDeleteFinished(ILogger logger, string appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile: app {AppId} failed; retried next pass")]
    private static partial void LogAppFailed(ILogger logger, Exception exception, string appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile: instance {InstanceId} of {AppId} failed; retried next pass")]
    private static partial void LogInstanceFailed(ILogger logger, Exception exception, string appId, string instanceId);
}
