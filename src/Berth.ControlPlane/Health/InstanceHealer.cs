using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Health;

/// <summary>
/// What happens to an instance that failed: out of discovery first, then the app's <see cref="FailurePolicy"/>:
/// restart the same container (after a crash-loop back-off), replace it (the <see cref="PlanExecutor"/> retires it and
/// starts another), or remove it and run with fewer. Every change to an instance happens under its app's lock, after reading it again.
/// </summary>
public sealed partial class InstanceHealer(
    IStateStore store,
    ServiceRegistry registry,
    HostEngines hosts,
    DeploymentCoordinator coordinator,
    PlanExecutor executor,
    AppEventRecorder events,
    FailureLogs failureLogs,
    ReconcileTrigger reconcile,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<InstanceHealer> logger)
{
    private static readonly TimeSpan RestartGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RestartLimit = TimeSpan.FromSeconds(15);

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

    /// <summary>Restarts the instance's container in place if its back-off is over.</summary>
    public Task RestartIfDueAsync(Instance seen, CancellationToken cancellationToken) =>
        coordinator.RunExclusiveAsync(seen.AppId, async token =>
        {
            var instance = await store.GetInstanceAsync(seen.Id, token);
            if (instance is not { State: InstanceState.Failed, NextRestartAt: { } due, ContainerId: { } containerId } || due > time.GetUtcNow())
            {
                return;
            }

            var runtime = await RuntimeOfAsync(instance, token);
            if (runtime is not IContainerRestarter restarter)
            {
                return;
            }

            try
            {
                // The app's lock is held: an engine that hangs must not keep every other change to the app waiting.
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
                limit.CancelAfter(RestartLimit);
                await restarter.RestartAsync(containerId, RestartGrace, limit.Token);
            }
            catch (ContainerNotFoundException)
            {
                await LoseLockedAsync(instance, "its container is gone", token);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                var after = RestartBackoff.Delay(instance.RestartCount + 1, Healing.RestartBackoff, Healing.MaxRestartBackoff);
                await store.UpdateInstanceAsync(instance with { RestartCount = instance.RestartCount + 1, NextRestartAt = time.GetUtcNow() + after }, token);
                await events.RecordAsync(instance.AppId, AppEventType.Restarted, $"restarting failed: {e.Message}; trying again in {Seconds(after)}", instance);
                return;
            }

            var now = time.GetUtcNow();
            instance = instance with
            {
                State = InstanceState.Restarting,
                Health = InstanceHealth.Unknown,
                RestartCount = instance.RestartCount + 1,
                LastRestartAt = now,
                NextRestartAt = null,
            };
            await store.UpdateInstanceAsync(instance, token);
            await events.RecordAsync(instance.AppId, AppEventType.Restarted, $"restarted in place (restart {instance.RestartCount}); back in discovery once healthy", instance);

            // An exit before the row said Restarting was ignored by the event follower: look now, or a crash loop would wait for the probes.
            var container = await runtime.InspectAsync(containerId, token);
            if (container is not { Running: true })
            {
                await FailLockedAsync(instance, AppEventType.Exited, $"its container exited right after the restart ({container?.Status ?? "gone"})", launchReplacement: true, token);
            }
        }, cancellationToken);

    /// <summary>Puts an instance that passes its check again back into discovery, cancelling a pending restart.</summary>
    public Task RecoverAsync(Instance seen, CancellationToken cancellationToken) =>
        coordinator.RunExclusiveAsync(seen.AppId, async token =>
        {
            var instance = await store.GetInstanceAsync(seen.Id, token);
            if (instance is not { State: InstanceState.Failed or InstanceState.Restarting, ContainerId: { } containerId } || containerId != seen.ContainerId)
            {
                return;
            }

            await registry.RegisterAsync(instance.AppId, instance.Version, containerId, instance.Address, token);
            var restarted = instance.State == InstanceState.Restarting;
            instance = instance with { State = InstanceState.Running, Health = InstanceHealth.Healthy, UnhealthySince = null, NextRestartAt = null };
            await store.UpdateInstanceAsync(instance, token);
            await events.RecordAsync(instance.AppId, AppEventType.Recovered,
                restarted ? "healthy after its restart; back in discovery" : "passes its health check again; back in discovery, pending restart cancelled", instance);
        }, cancellationToken);

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
        var logs = await CaptureLogsAsync(instance, cancellationToken);
        await executor.RetireAsync([instance], TimeSpan.Zero, cancellationToken);
        if (!launchReplacement)
        {
            await events.RecordAsync(app.Id, AppEventType.Replaced, "removed; a new instance takes its place", instance, logs);
            return;
        }

        try
        {
            var fresh = await executor.ApplyAsync(new LaunchRequest(app, instance.Version, 1, instance.DeploymentId), cancellationToken);
            await events.RecordAsync(app.Id, AppEventType.Replaced,
                $"replaced by {string.Join(", ", fresh.Select(f => $"{f.Id} on {f.HostName}"))}", instance, logs);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReplacementFailed(logger, e, app.Id, instance.Id);
            await events.RecordAsync(app.Id, AppEventType.LaunchFailed, $"could not start a replacement: {e.Message}; retried by the reconciler", instance, logs);
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

        var logs = await CaptureLogsAsync(instance, cancellationToken);
        await executor.RetireAsync([instance], TimeSpan.Zero, cancellationToken);
        await events.RecordAsync(app.Id, AppEventType.Removed, $"removed (onFailure: remove){count}", instance, logs);
    }

    private async Task<IReadOnlyList<string>> CaptureLogsAsync(Instance instance, CancellationToken cancellationToken) =>
        await RuntimeOfAsync(instance, cancellationToken) is { } runtime ? await failureLogs.CaptureAsync(runtime, instance.ContainerId) : [];

    private Task<IContainerRuntime?> RuntimeOfAsync(Instance instance, CancellationToken cancellationToken) =>
        hosts.RuntimeAsync(instance.HostName, cancellationToken);

    private static string Seconds(TimeSpan delay) => $"{delay.TotalSeconds:0.#} s";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not replace instance {InstanceId} of {AppId}")]
    private static partial void LogReplacementFailed(ILogger logger, Exception exception, string appId, string instanceId);
}
