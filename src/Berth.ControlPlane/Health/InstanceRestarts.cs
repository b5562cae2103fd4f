using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Health;

/// <summary>
/// The in-place side of healing: a failed instance's container restarted once its crash-loop back-off is over, and an
/// instance that passes its check again put back into discovery. Both under the app's lock, after reading it again.
/// </summary>
internal sealed class InstanceRestarts(
    IStateStore store,
    HostEngines hosts,
    ServiceRegistry registry,
    DeploymentCoordinator coordinator,
    InstanceHealer healer,
    AppEventRecorder events,
    IOptions<BerthOptions> options,
    TimeProvider time)
{
    private static readonly TimeSpan RestartGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RestartLimit = TimeSpan.FromSeconds(15);

    private SelfHealingOptions Healing => options.Value.Healing;

    /// <summary>Restarts the instance's container in place if its back-off is over.</summary>
    public Task RestartIfDueAsync(Instance seen, CancellationToken cancellationToken) =>
        coordinator.RunExclusiveAsync(seen.AppId, async token =>
        {
            var instance = await store.GetInstanceAsync(seen.Id, token);
            if (instance is not { State: InstanceState.Failed, NextRestartAt: { } due, ContainerId: { } containerId } || due > time.GetUtcNow())
            {
                return;
            }

            var runtime = await hosts.RuntimeAsync(instance.HostName, token);
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
                await healer.LoseLockedAsync(instance, "its container is gone", token);
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
                await healer.FailLockedAsync(instance, AppEventType.Exited, $"its container exited right after the restart ({container?.Status ?? "gone"})", launchReplacement: true, token);
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

    private static string Seconds(TimeSpan delay) => $"{delay.TotalSeconds:0.#} s";
}
