using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Health;

/// <summary>
/// What happens to an instance that failed: out of discovery first, then the app's <see cref="FailurePolicy"/>:
/// restart the same container (after a crash-loop back-off), replace it (the <see cref="PlanExecutor"/> retires it and
/// starts another), or remove it and run with fewer. Every change to an instance happens under its app's lock, after reading it again.
/// Restarts in place, once their back-off is over, are <see cref="InstanceRestarts"/>'s.
/// </summary>
public sealed partial class InstanceHealer(
    IStateStore store,
    ServiceRegistry registry,
    DeploymentCoordinator coordinator,
    PlanExecutor executor,
    AppEventRecorder events,
    InstanceLogs logs,
    ReconcileTrigger reconcile,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<InstanceHealer> logger)
{
    private SelfHealingOptions Healing => options.Value.Healing;

    /// <summary>
    /// Takes the instance out of discovery at once (without waiting for the app's lock: withdrawing is idempotent and
    /// must not wait behind a deployment), then applies the policy under the lock.
    /// </summary>
    public async Task FailAsync(Instance seen, AppEventType type, string reason, CancellationToken cancellationToken)
    {
        if (seen.ContainerId is not null)
        {
            await registry.DeregisterAsync(seen.AppId, seen.Version, seen.ContainerId, cancellationToken);
        }

        await coordinator.RunExclusiveAsync(seen.AppId, token => FailLockedAsync(seen, type, reason, launchReplacement: true, token), cancellationToken);
    }

    /// <summary>
    /// <see cref="FailAsync"/> for a caller that holds the app's lock. A replacement is launched at once when
    /// <paramref name="launchReplacement"/> is set; otherwise the caller fills the app up itself.
    /// </summary>
    public async Task FailLockedAsync(Instance seen, AppEventType type, string reason, bool launchReplacement, CancellationToken cancellationToken)
    {
        var instance = await store.GetInstanceAsync(seen.Id, cancellationToken);
        if (instance is null || instance.ContainerId != seen.ContainerId || instance.State is not (InstanceState.Running or InstanceState.Restarting))
        {
            // Retired, restarted or already failed by someone else since it was seen: theirs to handle.
            return;
        }

        var app = await store.GetAppAsync(instance.AppId, cancellationToken);
        if (app is null)
        {
            return;
        }

        if (instance.ContainerId is not null)
        {
            await registry.DeregisterAsync(instance.AppId, instance.Version, instance.ContainerId, cancellationToken);
        }

        var now = time.GetUtcNow();
        instance = instance with { State = InstanceState.Failed, Health = InstanceHealth.Unhealthy, UnhealthySince = instance.UnhealthySince ?? now };
        switch (app.OnFailure)
        {
            case FailurePolicy.Restart:
                var restarts = RestartBackoff.CountSince(instance.RestartCount, instance.LastRestartAt, now, Healing.BackoffReset);
                var delay = RestartBackoff.Delay(restarts, Healing.RestartBackoff, Healing.MaxRestartBackoff);
                instance = instance with { RestartCount = restarts, NextRestartAt = now + delay };
                await store.UpdateInstanceAsync(instance, cancellationToken);
                await events.RecordAsync(app.Id, type, $"{reason}; out of discovery, restart {restarts + 1} in place in {Seconds(delay)}", instance);
                break;
            case FailurePolicy.Replace:
                await store.UpdateInstanceAsync(instance, cancellationToken);
                await events.RecordAsync(app.Id, type, $"{reason}; out of discovery, to be replaced", instance);
                await ReplaceLockedAsync(app, instance, launchReplacement, cancellationToken);
                break;
            case FailurePolicy.Remove:
                await store.UpdateInstanceAsync(instance, cancellationToken);
                await events.RecordAsync(app.Id, type, $"{reason}; out of discovery, to be removed", instance);
                await RemoveLockedAsync(app, instance, cancellationToken);
                break;
        }
    }

    /// <summary>Gives up an instance whose container or host is gone, with the app's lock held: out of discovery, reservation released.</summary>
    public async Task LoseLockedAsync(Instance instance, string why, CancellationToken cancellationToken)
    {
        if (instance.ContainerId is not null)
        {
            await registry.DeregisterAsync(instance.AppId, instance.Version, instance.ContainerId, cancellationToken);
        }

        await store.ReleaseInstanceAsync(instance.Id, cancellationToken);
        await events.RecordAsync(instance.AppId, AppEventType.Lost, $"given up: {why}; a new instance takes its place", instance);
        reconcile.Request();
    }

    private async Task ReplaceLockedAsync(App app, Instance instance, bool launchReplacement, CancellationToken cancellationToken)
    {
        var lastLines = await logs.CaptureAsync(instance, cancellationToken);
        await executor.RetireAsync([instance], TimeSpan.Zero, cancellationToken);
        if (!launchReplacement)
        {
            await events.RecordAsync(app.Id, AppEventType.Replaced, "removed; a new instance takes its place", instance, lastLines);
            return;
        }

        try
        {
            var fresh = await executor.ApplyAsync(new LaunchRequest(app, instance.Version, 1, instance.DeploymentId), cancellationToken);
            await events.RecordAsync(app.Id, AppEventType.Replaced,
                $"replaced by {string.Join(", ", fresh.Select(f => $"{f.Id} on {f.HostName}"))}", instance, lastLines);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReplacementFailed(logger, e, app.Id, instance.Id);
            await events.RecordAsync(app.Id, AppEventType.LaunchFailed, $"could not start a replacement: {e.Message}; retried by the reconciler", instance, lastLines);
            reconcile.Request();
        }
    }

    private async Task RemoveLockedAsync(App app, Instance instance, CancellationToken cancellationToken)
    {
        // Lowering the wanted count first means a crash from here on never brings the instance back.
        var count = "";
        if (instance.Version == app.ActiveVersion && app.Instances > 0)
        {
            app = app with { Instances = app.Instances - 1 };
            await store.UpdateAppAsync(app, cancellationToken);
            count = $"; the app now runs {app.Instances} instance(s) instead of {app.Instances + 1}";
        }
        else if (instance.Version == app.CanaryVersion && app.CanaryInstances > 0)
        {
            app = app with { CanaryInstances = app.CanaryInstances - 1 };
            await store.UpdateAppAsync(app, cancellationToken);
            count = $"; its canary {app.CanaryVersion} now runs {app.CanaryInstances} instance(s) instead of {app.CanaryInstances + 1}";
        }

        var lastLines = await logs.CaptureAsync(instance, cancellationToken);
        await executor.RetireAsync([instance], TimeSpan.Zero, cancellationToken);
        await events.RecordAsync(app.Id, AppEventType.Removed, $"removed (onFailure: remove){count}", instance, lastLines);
    }


    private static string Seconds(TimeSpan delay) => $"{delay.TotalSeconds:0.#} s";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not replace instance {InstanceId} of {AppId}")]
    private static partial void LogReplacementFailed(ILogger logger, Exception exception, string appId, string instanceId);
}
