using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Health;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>
/// Brings one instance's record in line with its container: adopts or drops a launch a crash interrupted, finishes an
/// interrupted retire, and hands instances whose container or host is gone, or whose container stopped, to the healer.
/// </summary>
public sealed class InstanceRepair(
    IStateStore store,
    HostEngines hosts,
    InstanceHealer healer,
    PlanExecutor executor,
    HealthProbe probe,
    ServiceRegistry registry,
    AppEventRecorder events,
    Abandonment abandonment)
{
    // A hung engine (stopped, overloaded) must not stall the pass for every other host.
    private static readonly TimeSpan EngineCallLimit = TimeSpan.FromSeconds(5);

    /// <param name="down">The hosts marked down, whose instances are given up.</param>
    /// <param name="adoptable">Containers a crash left unrecorded on their instance, by instance id.</param>
    public async Task RepairAsync(
        App app, Instance instance, IReadOnlyDictionary<string, DateTimeOffset> down, IReadOnlyDictionary<string, ContainerInfo> adoptable, CancellationToken cancellationToken)
    {
        if (down.ContainsKey(instance.HostName))
        {
            await healer.LoseLockedAsync(instance, $"host {instance.HostName} is down", cancellationToken);
            return;
        }

        var (container, known) = await ContainerOfAsync(instance, adoptable, cancellationToken);
        if (!known)
        {
            return;
        }

        switch (instance.State)
        {
            case InstanceState.Reserved or InstanceState.Starting when abandonment.Alone || abandonment.Since(instance.UpdatedAt):
                await AdoptOrDropAsync(app, instance, container, cancellationToken);
                break;
            case InstanceState.Draining or InstanceState.Stopped:
            case InstanceState.Failed when instance.NextRestartAt is null:
                await executor.RetireAsync([instance], TimeSpan.Zero, cancellationToken);
                await events.RecordAsync(app.Id, AppEventType.Reconciled, "finished retiring it", instance);
                break;
            case InstanceState.Running or InstanceState.Restarting or InstanceState.Failed when container is null:
                await healer.LoseLockedAsync(instance, "its container is gone", cancellationToken);
                break;
            case InstanceState.Running when !container!.Running:
                await healer.FailLockedAsync(instance, AppEventType.Exited, $"its container is {container.Status}", launchReplacement: false, cancellationToken);
                break;
        }
    }

    /// <summary>The instance's container; known is false when its engine did not answer, so nothing may be concluded.</summary>
    private async Task<(ContainerInfo? Container, bool Known)> ContainerOfAsync(
        Instance instance, IReadOnlyDictionary<string, ContainerInfo> adoptable, CancellationToken cancellationToken)
    {
        if (instance.ContainerId is null)
        {
            return (adoptable.GetValueOrDefault(instance.Id), true);
        }

        if (await hosts.RuntimeAsync(instance.HostName, cancellationToken) is not { } runtime)
        {
            return (null, true);
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(EngineCallLimit);
            return (await runtime.InspectAsync(instance.ContainerId, limit.Token), true);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, false);
        }
    }

    /// <summary>A launch a crash interrupted: keep it if its container runs a wanted version (active or canary) and is healthy, drop it otherwise.</summary>
    private async Task AdoptOrDropAsync(App app, Instance instance, ContainerInfo? container, CancellationToken cancellationToken)
    {
        if (container is { Running: true } && (instance.Version == app.ActiveVersion || instance.Version == app.CanaryVersion)
            && await probe.CheckAsync(instance.Address, app.HealthCheckOf(instance.Version), cancellationToken))
        {
            instance = instance with { ContainerId = container.Id, State = InstanceState.Running, Health = InstanceHealth.Healthy };
            await registry.RegisterAsync(app.Id, instance.Version, container.Id, instance.Address, cancellationToken);
            await store.UpdateInstanceAsync(instance, cancellationToken);
            await events.RecordAsync(app.Id, AppEventType.Adopted, $"adopted its running container {container.Name}, left unrecorded by a restart", instance);
            return;
        }

        if (container is not null && await hosts.RuntimeAsync(instance.HostName, cancellationToken) is { } runtime)
        {
            await runtime.RemoveAsync(container.Id, cancellationToken);
        }

        await store.ReleaseInstanceAsync(instance.Id, cancellationToken);
        await events.RecordAsync(app.Id, AppEventType.Reconciled, "dropped: its launch was interrupted before it served", instance);
    }
}
