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
    InstanceRetirer retirer,
    DeploymentCoordinator coordinator)
{
    /// <summary>Stores the app and tells gateways it exists, so they answer 503 rather than 404 while it has no instance.</summary>
    public async Task CreateAsync(App app, CancellationToken cancellationToken)
    {
        await store.CreateAppAsync(app, cancellationToken);
        await registry.AddAppAsync(app.Id, app.Tenant, cancellationToken);
    }

    /// <summary>Stops and removes every container of the app, releases its ports, drops its discovery entries, config and rows.</summary>
    public Task DeleteAsync(App app, CancellationToken cancellationToken) =>
        coordinator.RunExclusiveAsync(app.Id, async token =>
        {
            await retirer.RetireAsync(await store.ListInstancesAsync(app.Id, token), TimeSpan.Zero, token);
            await registry.DeregisterAppAsync(app.Id, token);
            await registry.RemoveAppAsync(app.Id, token);
            await config.DeleteAllAsync(app.Id, token);
            var domains = await gatewaySettings.ListDomainsAsync(app.Id, token);
            await gatewayPublisher.RemoveAppAsync(app.Id, domains.Select(d => d.Domain), token);
            await store.DeleteAppAsync(app.Id, token);
        }, cancellationToken);
}
