using System.Collections.Concurrent;
using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Health;

/// <summary>
/// Pings each host's engine on an interval. A host that misses <see cref="SelfHealingOptions.HeartbeatMisses"/> in a
/// row is marked down: its instances leave discovery and are given up, so the reconciler starts them on other hosts.
/// When it answers again, the containers it still runs for instances given up are removed before it takes new work.
/// </summary>
public sealed partial class HostMonitor(
    IStateStore store,
    IHostStatusStore status,
    IContainerRuntimeFactory runtimes,
    ServiceRegistry registry,
    DeploymentCoordinator coordinator,
    InstanceHealer healer,
    ClusterLabel cluster,
    AppEventRecorder events,
    ReconcileTrigger reconcile,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<HostMonitor> logger) : ILeaderWork
{
    private readonly ConcurrentDictionary<string, int> misses = new();

    private SelfHealingOptions Healing => options.Value.Healing;

    public string Name => "host monitor";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var down = await status.ListDownHostsAsync(cancellationToken);
            var hosts = (await store.ListHostUsageAsync(cancellationToken)).Select(u => u.Host).ToList();
            await Task.WhenAll(hosts.Select(host => BeatAsync(host, down.ContainsKey(host.Name), cancellationToken)));
            await Task.Delay(Healing.HeartbeatInterval, time, cancellationToken);
        }
    }

    private async Task BeatAsync(Host host, bool isDown, CancellationToken cancellationToken)
    {
        if (await EnginePing.AnswersAsync(runtimes.For(host), Healing.HeartbeatTimeout, cancellationToken))
        {
            misses[host.Name] = 0;
            if (isDown)
            {
                await BackUpAsync(host, cancellationToken);
            }

            return;
        }

        var missed = misses.AddOrUpdate(host.Name, 1, (_, n) => n + 1);
        if (!isDown && missed >= Healing.HeartbeatMisses)
        {
            await DownAsync(host, missed, cancellationToken);
        }
    }

    private async Task DownAsync(Host host, int missed, CancellationToken cancellationToken)
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

    private async Task BackUpAsync(Host host, CancellationToken cancellationToken)
    {
        var runtime = runtimes.For(host);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host} missed {Missed} heartbeats: marked down")]
    private static partial void LogDown(ILogger logger, string host, int missed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} answers again: removed {Stale} stale container(s), marked up")]
    private static partial void LogUp(ILogger logger, string host, int stale);
}
