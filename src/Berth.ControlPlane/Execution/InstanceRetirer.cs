using Berth.ControlPlane.Events;
using Berth.ControlPlane.Telemetry;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.Discovery;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// Takes instances out of service in the order that loses no request: out of discovery first, a drain
/// delay for requests already in flight, then stop, remove and release the reservation.
/// Only the <see cref="PlanExecutor"/> calls it.
/// </summary>
public sealed class InstanceRetirer(
    IStateStore store, HostEngines hosts, ServiceRegistry registry, AppEventRecorder events, ICrashPoints crash, TimeProvider time)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public async Task RetireAsync(IReadOnlyCollection<Instance> instances, TimeSpan drain, CancellationToken cancellationToken)
    {
        if (instances.Count == 0)
        {
            return;
        }

        using var activity = BerthTelemetry.Source.StartActivity("retire");
        activity?.SetTag(BerthTelemetry.AppTag, string.Join(",", instances.Select(i => i.AppId).Distinct()));
        activity?.SetTag(BerthTelemetry.InstanceTag, string.Join(",", instances.Select(i => i.Id)));

        foreach (var instance in instances.Where(i => i.ContainerId is not null))
        {
            await registry.DeregisterAsync(instance.AppId, instance.Version, instance.ContainerId!, cancellationToken);
            await store.UpdateInstanceAsync(instance with { State = InstanceState.Draining, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        }

        crash.Hit(CrashSteps.RetireDeregistered);
        if (drain > TimeSpan.Zero)
        {
            await Task.Delay(drain, time, cancellationToken);
        }

        await Task.WhenAll(instances.Select(i => RemoveAsync(i, cancellationToken)));
    }

    private async Task RemoveAsync(Instance instance, CancellationToken cancellationToken)
    {
        if (instance.ContainerId is not null && await hosts.RuntimeAsync(instance.HostName, cancellationToken) is { } runtime)
        {
            await Traced.EngineAsync("stop", () => runtime.StopAsync(instance.ContainerId, StopGrace, cancellationToken));
            await Traced.EngineAsync("remove", () => runtime.RemoveAsync(instance.ContainerId, cancellationToken));
        }

        crash.Hit(CrashSteps.RetireRemoved);
        await store.ReleaseInstanceAsync(instance.Id, cancellationToken);
        await events.RecordAsync(instance.AppId, AppEventType.Retired, "stopped and removed", instance);
    }
}
