using Berth.ControlPlane.Deployments;
using System.Collections.Concurrent;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Health;

/// <summary>
/// Follows every host engine's event stream, so a container that exits or is killed leaves discovery at once
/// rather than at its next failed probe. A broken stream is reopened, and a reconcile pass catches up on
/// whatever happened while it was closed.
/// </summary>
internal sealed partial class EngineEventFollower(
    IStateStore store,
    IContainerRuntimeFactory runtimes,
    InstanceHealer healer,
    TakenPortSurvey portSurvey,
    ReconcileTrigger reconcile,
    TimeProvider time,
    ILogger<EngineEventFollower> logger) : ILeaderWork
{
    private static readonly TimeSpan HostRefresh = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    public string Name => "engine event follower";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var work = new BackgroundTasks(logger);
        var followers = new ConcurrentDictionary<string, CancellationTokenSource>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // One stream per engine: two hosts registered on the same engine would otherwise read each event twice.
                var engines = (await store.ListHostUsageAsync(cancellationToken)).Select(u => u.Host).DistinctBy(h => h.Engine).ToDictionary(h => h.Engine);
                foreach (var (engine, host) in engines.Where(e => !followers.ContainsKey(e.Key)))
                {
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    followers[engine] = stop;
                    work.Run($"following {engine}", () => FollowAsync(host, work, stop.Token));
                }

                foreach (var engine in followers.Keys.Where(e => !engines.ContainsKey(e)).ToList())
                {
                    if (followers.TryRemove(engine, out var stop))
                    {
                        await stop.CancelAsync();
                        stop.Dispose();
                    }
                }

                await Task.Delay(HostRefresh, time, cancellationToken);
            }
        }
        finally
        {
            foreach (var stop in followers.Values)
            {
                await stop.CancelAsync();
            }

            await work.DrainAsync();
            foreach (var stop in followers.Values)
            {
                stop.Dispose();
            }
        }
    }

    private async Task FollowAsync(Host host, BackgroundTasks work, CancellationToken cancellationToken)
    {
        if (runtimes.For(host) is not IContainerEvents events)
        {
            return;
        }

        // Every container's events, not only Berth's: a stranger's start may take a port of the managed range.
        var everyContainer = new Dictionary<string, string>();
        var broken = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (broken && await EnginePing.AnswersAsync(runtimes.For(host), ReconnectDelay, cancellationToken))
            {
                // Events sent while the stream was closed are lost: a pass compares the engine with the store.
                broken = false;
                LogReconnecting(logger, host.Name);
                reconcile.Request();
            }

            try
            {
                await foreach (var containerEvent in events.WatchAsync(everyContainer, cancellationToken))
                {
                    if (containerEvent.Action == "die" && containerEvent.Attributes.GetValueOrDefault(BerthLabels.Managed) == "true")
                    {
                        await OnExitAsync(containerEvent, work, cancellationToken);
                    }
                    else if (containerEvent.Action == "start")
                    {
                        work.Run($"surveying the ports of {host.Name}", () => portSurvey.NoticeStartAsync(host, containerEvent, cancellationToken));
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!broken)
                {
                    LogBroken(logger, host.Name, e.Message);
                    reconcile.Request();
                }

                broken = true;
            }

            await Task.Delay(ReconnectDelay, time, cancellationToken);
        }
    }

    private async Task OnExitAsync(ContainerEvent exit, BackgroundTasks work, CancellationToken cancellationToken)
    {
        var appId = exit.Attributes.GetValueOrDefault(BerthLabels.App);
        var instance = (await store.ListInstancesAsync(appId, cancellationToken)).FirstOrDefault(i => i.ContainerId == exit.ContainerId);
        if (instance is null || instance.State is not (InstanceState.Running or InstanceState.Restarting))
        {
            // Not Berth's, or stopped by Berth itself (a retire, a restart): nothing to heal.
            return;
        }

        if (instance.State == InstanceState.Restarting && instance.LastRestartAt is { } restarted && exit.Time < restarted)
        {
            // The exit the restart itself caused.
            return;
        }

        var reason = exit.ExitCode is { } code ? $"its container exited with code {code}" : "its container exited";
        LogExited(logger, instance.AppId, instance.Id, reason);
        // Withdrawing is quick; the policy may wait for the app's lock, so it must not hold up the next events.
        work.Run($"healing {instance.Id}", () => healer.FailAsync(instance, AppEventType.Exited, reason, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{AppId} instance {InstanceId}: {Reason}")]
    private static partial void LogExited(ILogger logger, string appId, string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the event stream of host {Host}: {Reason}; reconnecting")]
    private static partial void LogBroken(ILogger logger, string host, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} answers again; following its event stream")]
    private static partial void LogReconnecting(ILogger logger, string host);
}
