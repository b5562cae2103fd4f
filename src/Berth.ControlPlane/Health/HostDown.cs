using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.State;
using Berth.Discovery;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Health;

/// <summary>
/// A host that stopped answering: marked down, its instances leave discovery and are given up, so the reconciler
/// starts them on other hosts through the executor.
/// </summary>
internal sealed partial class HostDown(
    IStateStore store,
    IHostStatusStore status,
    ServiceRegistry registry,
    DeploymentCoordinator coordinator,
    InstanceHealer healer,
    AppEventRecorder events,
    ReconcileTrigger reconcile,
    TimeProvider time,
    ILogger<HostDown> logger)
{
    public async Task MarkAsync(Host host, int missed, CancellationToken cancellationToken)
    {
        await status.MarkHostDownAsync(host.Name, time.GetUtcNow(), cancellationToken);
        LogDown(logger, host.Name, missed);
        var stranded = (await store.ListInstancesAsync(null, cancellationToken)).Where(i => i.HostName == host.Name).ToList();
        // Out of discovery first and all at once: requests must stop going to the host before anything else happens.
        foreach (var instance in stranded.Where(i => i.ContainerId is not null))
        {
            await registry.DeregisterAsync(instance.AppId, instance.Version, instance.ContainerId!, cancellationToken);
        }

        foreach (var app in stranded.GroupBy(i => i.AppId))
        {
            await events.RecordAsync(app.Key, AppEventType.HostDown,
                $"host {host.Name} missed {missed} heartbeats; its {app.Count()} instance(s) left discovery and are started elsewhere", hostName: host.Name);
            await coordinator.RunExclusiveAsync(app.Key, async token =>
            {
                foreach (var seen in app)
                {
                    if (await store.GetInstanceAsync(seen.Id, token) is { } instance && instance.HostName == host.Name)
                    {
                        await healer.LoseLockedAsync(instance, $"host {host.Name} is down", token);
                    }
                }
            }, cancellationToken);
        }

        reconcile.Request();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host} missed {Missed} heartbeats: marked down")]
    private static partial void LogDown(ILogger logger, string host, int missed);
}
