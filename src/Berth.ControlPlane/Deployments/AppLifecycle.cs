using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.State;
using Berth.Discovery;
using Berth.Discovery.Config;
using Berth.Discovery.Gateway;

namespace Berth.ControlPlane.Deployments;

/// <summary>Creating and deleting an app, in the store and in discovery together.</summary>
public sealed class AppLifecycle(
    IStateStore store,
    IGatewaySettingsStore gatewaySettings,
    GatewaySettingsPublisher gatewayPublisher,
    ServiceRegistry registry,
    ConfigStore config,
    PlanExecutor executor,
    DeploymentCoordinator coordinator,
    IEventStore events,
    IEnumerable<IAppDeleteStep> deleteSteps,
    ICrashPoints crash)
{
    /// <summary>Stores the app and tells gateways it exists, so they answer 503 rather than 404 while it has no instance.</summary>
    public async Task CreateAsync(App app, CancellationToken cancellationToken)
    {
        await store.CreateAppAsync(app, cancellationToken);
        await registry.AddAppAsync(app.Id, app.Tenant, cancellationToken);
    }

    /// <summary>
    /// Stops and removes every container of the app, releases its ports, drops its discovery entries, config, events and rows.
    /// The app is marked as deleting first, so that a crash half-way ends with the reconciler finishing the delete.
    /// </summary>
    public Task DeleteAsync(App app, CancellationToken cancellationToken) =>
        coordinator.RunExclusiveAsync(app.Id, async token =>
        {
            if (await store.GetAppAsync(app.Id, token) is not { } current)
            {
                return;
            }

            await store.UpdateAppAsync(current with { Deleting = true }, token);
            crash.Hit(CrashSteps.DeleteMarked);
            await CompleteDeleteAsync(app.Id, token);
        }, cancellationToken);

    /// <summary>The delete itself, for a caller that holds the app's lock and has marked the app as deleting.</summary>
    public async Task CompleteDeleteAsync(string appId, CancellationToken cancellationToken)
    {
        await executor.RetireAsync(await store.ListInstancesAsync(appId, cancellationToken), TimeSpan.Zero, cancellationToken);
        crash.Hit(CrashSteps.DeleteRetired);
        await registry.DeregisterAppAsync(appId, cancellationToken);
        await registry.RemoveAppAsync(appId, cancellationToken);
        await config.DeleteAllAsync(appId, cancellationToken);
        var domains = await gatewaySettings.ListDomainsAsync(appId, cancellationToken);
        await gatewayPublisher.RemoveAppAsync(appId, domains.Select(d => d.Domain), cancellationToken);
        await events.DeleteEventsAsync(appId, cancellationToken);
        foreach (var step in deleteSteps)
        {
            await step.AppDeletedAsync(appId, cancellationToken);
        }

        await store.DeleteAppAsync(appId, cancellationToken);
    }
}
