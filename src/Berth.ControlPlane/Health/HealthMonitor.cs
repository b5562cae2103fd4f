using System.Collections.Concurrent;
using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Reconciliation;
using Berth.ControlPlane.Telemetry;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Health;

/// <summary>
/// Probes every live instance on its app's interval. After <see cref="HealthCheckSpec.Retries"/> failures in a row the
/// instance goes to the <see cref="InstanceHealer"/>; failures within <see cref="HealthCheckSpec.StartSeconds"/> of an
/// in-place restart do not count. Failed instances keep being probed, so one that turns healthy again comes back,
/// and those whose crash-loop back-off is over are restarted.
/// </summary>
internal sealed partial class HealthMonitor(
    IStateStore store,
    IHostStatusStore hostStatus,
    IContainerRuntimeFactory runtimes,
    HealthProbe probe,
    InstanceHealer healer,
    InstanceRestarts restarts,
    TimeProvider time,
    ILogger<HealthMonitor> logger) : ILeaderWork
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Watch> _watches = new();
    private int _refreshSoon;

    public string Name => "health monitor";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var work = new BackgroundTasks(logger);
        var refreshAt = DateTimeOffset.MinValue;
        var snapshot = new Snapshot([], new Dictionary<string, App>(), new Dictionary<string, DateTimeOffset>());
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                if (now >= refreshAt || Interlocked.Exchange(ref _refreshSoon, 0) == 1)
                {
                    snapshot = await ReadAsync(cancellationToken);
                    refreshAt = now + RefreshEvery;
                }

                foreach (var instance in snapshot.Instances)
                {
                    if (instance.ContainerId is null || !snapshot.Apps.TryGetValue(instance.AppId, out var app) || snapshot.DownHosts.ContainsKey(instance.HostName))
                    {
                        continue;
                    }

                    var watch = _watches.GetOrAdd(instance.Id, _ => new Watch());
                    if (watch.Busy)
                    {
                        continue;
                    }

                    if (instance is { State: InstanceState.Failed, NextRestartAt: { } due } && due <= now)
                    {
                        watch.Busy = true;
                        work.Run($"restarting {instance.Id}", () => WhileBusyAsync(watch, restarts.RestartIfDueAsync(instance, cancellationToken)));
                    }
                    else if (now >= watch.NextProbe)
                    {
                        watch.Busy = true;
                        work.Run($"probing {instance.Id}", () => WhileBusyAsync(watch, ProbeAsync(instance, app, watch, cancellationToken)));
                    }
                }

                foreach (var gone in _watches.Keys.Except(snapshot.Instances.Select(i => i.Id)))
                {
                    _watches.TryRemove(gone, out _);
                }

                await Task.Delay(Tick, time, cancellationToken);
            }
        }
        finally
        {
            await work.DrainAsync();
            _watches.Clear();
        }
    }

    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var instances = (await store.ListInstancesAsync(null, cancellationToken))
            .Where(i => i.State is InstanceState.Running or InstanceState.Restarting or InstanceState.Failed)
            .ToList();
        var apps = (await store.ListAppsAsync(null, cancellationToken)).ToDictionary(a => a.Id);
        return new Snapshot(instances, apps, await hostStatus.ListDownHostsAsync(cancellationToken));
    }

    private async Task ProbeAsync(Instance instance, App app, Watch watch, CancellationToken cancellationToken)
    {
        var check = app.HealthCheckOf(instance.Version);
        var healthy = await probe.CheckAsync(instance.Address, check, cancellationToken);
        watch.NextProbe = time.GetUtcNow().AddSeconds(check.IntervalSeconds);
        if (healthy)
        {
            watch.Failures = 0;
            if (instance.State is InstanceState.Failed or InstanceState.Restarting)
            {
                await restarts.RecoverAsync(instance, cancellationToken);
                Interlocked.Exchange(ref _refreshSoon, 1);
            }

            return;
        }

        if (instance.State == InstanceState.Failed)
        {
            // Out of discovery already and waiting for its restart; probing goes on only to notice a recovery.
            return;
        }

        if (instance.State == InstanceState.Restarting)
        {
            if (!await IsRunningAsync(instance, cancellationToken))
            {
                await FailAsync(instance, watch, AppEventType.Exited, "its container exited right after the restart", cancellationToken);
                return;
            }

            if (instance.LastRestartAt is { } restarted && time.GetUtcNow() - restarted < TimeSpan.FromSeconds(check.StartSeconds))
            {
                return;
            }
        }

        ControlPlaneMetrics.ProbeFailed();
        if (++watch.Failures >= check.Retries)
        {
            await FailAsync(instance, watch, AppEventType.Unhealthy,
                $"failed {watch.Failures} health check(s) in a row ({check.Describe()} on {instance.Address})", cancellationToken);
        }
    }

    private async Task FailAsync(Instance instance, Watch watch, AppEventType type, string reason, CancellationToken cancellationToken)
    {
        watch.Failures = 0;
        LogFailing(logger, instance.AppId, instance.Id, reason);
        await healer.FailAsync(instance, type, reason, cancellationToken);
        Interlocked.Exchange(ref _refreshSoon, 1);
    }

    private async Task<bool> IsRunningAsync(Instance instance, CancellationToken cancellationToken)
    {
        var host = await store.GetHostAsync(instance.HostName, cancellationToken);
        return host is null || await runtimes.For(host).InspectAsync(instance.ContainerId!, cancellationToken) is { Running: true };
    }

    private static async Task WhileBusyAsync(Watch watch, Task work)
    {
        try
        {
            await work;
        }
        finally
        {
            watch.Busy = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{AppId} instance {InstanceId}: {Reason}")]
    private static partial void LogFailing(ILogger logger, string appId, string instanceId, string reason);

    private sealed record Snapshot(IReadOnlyList<Instance> Instances, IReadOnlyDictionary<string, App> Apps, IReadOnlyDictionary<string, DateTimeOffset> DownHosts);

    /// <summary>One instance's probing state; touched by the loop and by that instance's one running probe, never both at once.</summary>
    private sealed class Watch
    {
        public volatile bool Busy;
        public DateTimeOffset NextProbe;
        public int Failures;
    }
}
