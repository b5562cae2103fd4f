using Berth.ControlPlane.Events;
using Berth.ControlPlane.Telemetry;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// Brings one reserved instance to life: pull, create and start its container (on another port when its host port
/// turns out taken outside Berth), wait for its first healthy probe, register it in discovery. <see cref="DiscardAsync"/>
/// undoes whatever a failed start left. Only the <see cref="PlanExecutor"/> calls it.
/// </summary>
public sealed partial class InstanceStarter(
    IStateStore store,
    HostEngines hosts,
    ContainerFactory containers,
    StartupCheck startup,
    ServiceRegistry registry,
    LaunchRecorder recorder,
    ICrashPoints crash,
    TimeProvider time,
    ILogger<InstanceStarter> logger)
{
    /// <summary>
    /// Starts a reserved instance and returns it running, healthy and registered; on failure the container's last
    /// lines are kept with a <see cref="AppEventType.StartFailed"/> event and the caller discards it.
    /// </summary>
    public async Task<Instance> StartAsync(App app, Instance instance, CancellationToken cancellationToken)
    {
        try
        {
            return await StartReservedAsync(app, instance, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await recorder.StartFailedAsync(instance.Id, e);
            throw;
        }
    }

    private async Task<Instance> StartReservedAsync(App app, Instance instance, CancellationToken cancellationToken)
    {
        var runtime = await hosts.RuntimeAsync(instance.HostName, cancellationToken)
            ?? throw new LaunchFailedException($"host {instance.HostName} is gone");
        instance = await containers.CreateAndStartAsync(runtime, app, instance, cancellationToken);
        var started = instance;
        await Traced.StepAsync("health", () => startup.WaitHealthyAsync(runtime, app, started, cancellationToken));

        var containerId = instance.ContainerId!;
        await Traced.StepAsync("register", () => registry.RegisterAsync(app.Id, instance.Version, containerId, instance.Address, cancellationToken));
        crash.Hit(CrashSteps.LaunchRegistered);
        instance = instance with { State = InstanceState.Running, Health = InstanceHealth.Healthy, UpdatedAt = time.GetUtcNow() };
        await store.UpdateInstanceAsync(instance, cancellationToken);
        LogStarted(logger, app.Id, instance.Version, containerId[..12], instance.Address);
        await recorder.StartedAsync(app, instance);
        return instance;
    }

    /// <summary>
    /// Undoes a start that failed at any step: out of discovery (should it have got that far), container removed, then
    /// the reservation released (so its port is free only once the container is gone).
    /// </summary>
    public async Task DiscardAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (await store.GetInstanceAsync(instanceId, cancellationToken) is not { } instance)
        {
            return;
        }

        if (instance.ContainerId is { } containerId)
        {
            await registry.DeregisterAsync(instance.AppId, instance.Version, containerId, cancellationToken);
            if (await hosts.RuntimeAsync(instance.HostName, cancellationToken) is { } runtime)
            {
                await runtime.RemoveAsync(containerId, cancellationToken);
            }
        }

        await store.ReleaseInstanceAsync(instance.Id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {AppId} {Version} as {ContainerId} on {Address}")]
    private static partial void LogStarted(ILogger logger, string appId, string version, string containerId, string address);
}
