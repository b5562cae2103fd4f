using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery;
using Berth.Discovery.Gateway;

namespace Berth.ControlPlane.Hosting;

/// <summary>
/// Makes discovery agree with the store after a restart: the embedded store starts empty, so every app
/// and every instance whose container still runs is written again, and instances whose container is gone
/// (or that a crash left half-started) are removed and their reservations released. Gateway settings (active
/// versions, domains, traffic policies, blacklists) are published again from the store.
/// </summary>
public sealed class StartupRecovery(
    IStateStore store, ServiceRegistry registry, IContainerRuntimeFactory runtimes, IGatewaySettingsStore gatewaySettings, GatewaySettingsPublisher gatewayPublisher)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var apps = await store.ListAppsAsync(null, cancellationToken);
        foreach (var app in apps)
        {
            await registry.AddAppAsync(app.Id, app.Tenant, cancellationToken);
        }

        await gatewayPublisher.RepublishAsync(gatewaySettings, apps, cancellationToken);

        foreach (var instance in await store.ListInstancesAsync(null, cancellationToken))
        {
            var host = await store.GetHostAsync(instance.HostName, cancellationToken);
            var runtime = host is null ? null : runtimes.Get(host.Engine);
            var container = instance.ContainerId is null || runtime is null ? null : await runtime.InspectAsync(instance.ContainerId, cancellationToken);
            if (instance.State == InstanceState.Running && container is { Running: true })
            {
                await registry.RegisterAsync(instance.AppId, instance.Version, instance.ContainerId!, instance.Address, cancellationToken);
                continue;
            }

            if (container is not null)
            {
                await runtime!.RemoveAsync(container.Id, cancellationToken);
            }

            await store.ReleaseInstanceAsync(instance.Id, cancellationToken);
        }
    }
}
