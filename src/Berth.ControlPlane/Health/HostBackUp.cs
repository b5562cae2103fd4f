using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Health;

/// <summary>
/// A host that was down answers again: the containers it still runs for instances given up meanwhile are removed
/// before it is marked up and takes new work.
/// </summary>
internal sealed partial class HostBackUp(
    IStateStore store,
    IHostStatusStore status,
    HostEngines hosts,
    ClusterLabel cluster,
    AppEventRecorder events,
    ReconcileTrigger reconcile,
    ILogger<HostBackUp> logger)
{
    public async Task MarkAsync(Host host, CancellationToken cancellationToken)
    {
        var runtime = hosts.For(host);
        var containers = await runtime.ListAsync(await cluster.SelectorAsync(cancellationToken), cancellationToken);
        // Read after listing: an instance launched meanwhile already has its row, so its container is never taken for stale.
        var wanted = (await store.ListInstancesAsync(null, cancellationToken)).Where(i => i.ContainerId is not null).Select(i => i.ContainerId!).ToHashSet();
        var stale = containers.Where(c => !wanted.Contains(c.Id)).ToList();
        foreach (var container in stale)
        {
            await runtime.RemoveAsync(container.Id, cancellationToken);
        }

        await status.MarkHostUpAsync(host.Name, cancellationToken);
        LogUp(logger, host.Name, stale.Count);
        foreach (var app in stale.GroupBy(c => c.Labels.GetValueOrDefault(BerthLabels.App)).Where(g => g.Key is not null))
        {
            if (await store.GetAppAsync(app.Key!, cancellationToken) is not null)
            {
                await events.RecordAsync(app.Key!, AppEventType.HostUp,
                    $"host {host.Name} answers again; removed {app.Count()} stale container(s) it still ran", hostName: host.Name);
            }
        }

        reconcile.Request();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} answers again: removed {Stale} stale container(s), marked up")]
    private static partial void LogUp(ILogger logger, string host, int stale);
}
