using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>The reconciler's look at the engines: every container of this installation, and removing those no instance owns.</summary>
public sealed partial class ContainerSweep(HostEngines hosts, ClusterLabel cluster, AppEventRecorder events, ILogger<ContainerSweep> logger)
{
    // A hung engine (stopped, overloaded) must not stall the pass for every other host.
    private static readonly TimeSpan EngineCallLimit = TimeSpan.FromSeconds(5);

    /// <summary>The installation's containers on each host that answers; a host that does not is left out.</summary>
    public async Task<Dictionary<Host, IReadOnlyList<ContainerInfo>>> ListAsync(IReadOnlyList<Host> hostList, CancellationToken cancellationToken)
    {
        var selector = await cluster.SelectorAsync(cancellationToken);
        var listed = new Dictionary<Host, IReadOnlyList<ContainerInfo>>();
        foreach (var host in hostList)
        {
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(EngineCallLimit);
                listed[host] = await hosts.For(host).ListAsync(selector, limit.Token);
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
    public async Task<Dictionary<string, ContainerInfo>> RemoveUnownedAsync(
        Dictionary<Host, IReadOnlyList<ContainerInfo>> listed, IReadOnlyList<Instance> instances, IReadOnlyDictionary<string, App> apps, CancellationToken cancellationToken)
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

                await hosts.For(host).RemoveAsync(container.Id, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconcile: host {Host} does not answer ({Reason}); its containers are left alone")]
    private static partial void LogHostUnreachable(ILogger logger, string host, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile: removed container {Container} on {Host}: no instance owns it")]
    private static partial void LogOrphanRemoved(ILogger logger, string container, string host);
}
