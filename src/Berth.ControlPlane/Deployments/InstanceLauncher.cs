using Berth.ControlPlane.Events;
using Berth.ControlPlane.Reconciliation;
using Berth.ControlPlane.Security.Registry;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery;
using Berth.Discovery.Config;
using Berth.Scheduling.Constraints;
using Berth.Scheduling.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Deployments;

/// <summary>
/// Brings new instances to life: reserve them through the placer (all of a plan or none), then per instance pull,
/// create, start (on another port when its host port turns out taken outside Berth), wait for its first healthy probe
/// and register it. <see cref="CleanUpAsync"/> undoes whatever a failed instance left: container and reservation.
/// </summary>
public sealed partial class InstanceLauncher(
    IStateStore store,
    Placer placer,
    IContainerRuntimeFactory runtimes,
    ServiceRegistry registry,
    ConfigStore config,
    HealthProbe probe,
    ClusterLabel cluster,
    AppEventRecorder events,
    FailureLogs failureLogs,
    IOptions<BerthOptions> options,
    TimeProvider time,
    IBlockedPortStore blockedPorts,
    AppImagePolicy images,
    ILogger<InstanceLauncher> logger)
{
    /// <summary>How many ports one instance tries before its start fails, when the engine finds each taken.</summary>
    private const int PortAttempts = 3;

    /// <summary>Reserves <paramref name="count"/> instances of the version on hosts the app's rules allow, or fails saying why each host refused.</summary>
    public Task<IReadOnlyList<Instance>> ReserveAsync(App app, Deployment deployment, int count, CancellationToken cancellationToken) =>
        ReserveAsync(app, deployment, (request, token) => placer.PlaceAsync(request, count, deployment.Id, token), cancellationToken);

    /// <summary>Reserves one instance of the version on every eligible host that has none, or fails saying why.</summary>
    public Task<IReadOnlyList<Instance>> ReserveGlobalAsync(App app, Deployment deployment, CancellationToken cancellationToken) =>
        ReserveAsync(app, deployment, (request, token) => placer.PlaceGlobalAsync(request, deployment.Id, token), cancellationToken);

    private static async Task<IReadOnlyList<Instance>> ReserveAsync(
        App app, Deployment deployment, Func<PlacementRequest, CancellationToken, Task<PlacementOutcome>> place, CancellationToken cancellationToken)
    {
        PlacementOutcome outcome;
        try
        {
            outcome = await place(PlacementRequest.For(app, deployment.Version), cancellationToken);
        }
        catch (ConstraintFormatException e)
        {
            throw new DeploymentFailedException(e.Message, e);
        }
        catch (Exception e) when (e is StaleHostException or InsufficientCapacityException or PortRangeExhaustedException)
        {
            throw new DeploymentFailedException($"the hosts kept changing while placing, last: {e.Message}", e);
        }

        CrashPoints.Hit(CrashPoints.LaunchReserved);
        return outcome.Placed ? outcome.Instances : throw new DeploymentFailedException(outcome.Plan.Explain());
    }

    /// <summary>
    /// Starts a reserved instance and returns it running, healthy and registered; on failure the caller cleans up,
    /// after the container's last lines were kept with a <see cref="AppEventType.StartFailed"/> event.
    /// </summary>
    public async Task<Instance> StartAsync(App app, Instance instance, CancellationToken cancellationToken)
    {
        try
        {
            return await StartReservedAsync(app, instance, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(instance.Id, e);
            throw;
        }
    }

    private async Task<Instance> StartReservedAsync(App app, Instance instance, CancellationToken cancellationToken)
    {
        var host = await store.GetHostAsync(instance.HostName, cancellationToken)
            ?? throw new DeploymentFailedException($"host {instance.HostName} is gone");
        var runtime = runtimes.For(host);
        // Also when the engine has the image cached and would start it without asking the registry.
        if (await images.RefuseImageAsync(app, cancellationToken) is { } refused)
        {
            throw new DeploymentFailedException(refused);
        }

        var image = ImageReference.For(options.Value.Registry, app, instance.Version);
        try
        {
            await runtime.EnsureImageAsync(image, cancellationToken);
        }
        catch (ImageNotFoundException e)
        {
            throw new DeploymentFailedException(e.Message, e);
        }

        var settings = await config.ResolveAsync(app.Id, cancellationToken);
        instance = await CreateAndStartAsync(runtime, app, instance, image, settings, cancellationToken);
        await WaitHealthyAsync(runtime, app, instance, cancellationToken);

        var containerId = instance.ContainerId!;
        await registry.RegisterAsync(app.Id, instance.Version, containerId, instance.Address, cancellationToken);
        CrashPoints.Hit(CrashPoints.LaunchRegistered);
        instance = instance with { State = InstanceState.Running, Health = InstanceHealth.Healthy, UpdatedAt = time.GetUtcNow() };
        await store.UpdateInstanceAsync(instance, cancellationToken);
        LogStarted(logger, app.Id, instance.Version, containerId[..12], instance.Address);
        await events.RecordAsync(app.Id, AppEventType.InstanceStarted, $"started {instance.Version} on {instance.HostName} at {instance.Address}; in discovery", instance);
        return instance;
    }

    /// <summary>
    /// Creates and starts the instance's container. When the engine cannot bind the instance's host port because
    /// something outside Berth holds it, the port is blocked for a while, the half-made container removed and the
    /// instance moved to another free port of the range, up to <see cref="PortAttempts"/> ports.
    /// </summary>
    private async Task<Instance> CreateAndStartAsync(
        IContainerRuntime runtime, App app, Instance instance, string image, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var spec = await cluster.ApplyAsync(ContainerSpecs.For(app, instance, image, settings), cancellationToken);
            var containerId = await runtime.CreateAsync(spec, cancellationToken);
            CrashPoints.Hit(CrashPoints.LaunchCreated);
            instance = instance with { ContainerId = containerId, State = InstanceState.Starting, UpdatedAt = time.GetUtcNow() };
            await store.UpdateInstanceAsync(instance, cancellationToken);
            try
            {
                await runtime.StartAsync(containerId, cancellationToken);
                CrashPoints.Hit(CrashPoints.LaunchStarted);
                return instance;
            }
            catch (HostPortInUseException e)
            {
                instance = await SkipTakenPortAsync(runtime, app, instance, e, attempt, cancellationToken);
            }
        }
    }

    /// <summary>Blocks the instance's taken port; then, unless this was the last attempt, removes its container and moves it to another port.</summary>
    private async Task<Instance> SkipTakenPortAsync(
        IContainerRuntime runtime, App app, Instance instance, HostPortInUseException taken, int attempt, CancellationToken cancellationToken)
    {
        var blockFor = TimeSpan.FromMinutes(options.Value.PortBlockMinutes);
        await blockedPorts.BlockPortAsync(new BlockedPort(instance.HostName, instance.HostPort, time.GetUtcNow() + blockFor, taken.Message), cancellationToken);
        var skipped = $"host port {instance.HostPort} of {instance.HostName} is in use outside Berth, so it is blocked for {blockFor.TotalMinutes:0} min";
        if (attempt == PortAttempts)
        {
            throw new DeploymentFailedException($"{skipped}; gave up after {PortAttempts} taken ports: {taken.Message}", taken);
        }

        await runtime.RemoveAsync(instance.ContainerId!, cancellationToken);
        Instance moved;
        try
        {
            moved = await blockedPorts.MoveToFreePortAsync(instance.Id, cancellationToken);
        }
        catch (PortRangeExhaustedException e)
        {
            throw new DeploymentFailedException($"{skipped}, and {e.Message}", e);
        }

        LogPortSkipped(logger, app.Id, instance.HostName, instance.HostPort, moved.HostPort, taken.Message);
        await events.RecordAsync(app.Id, AppEventType.PortBlocked, $"{skipped}; trying port {moved.HostPort}", moved);
        return moved;
    }

    /// <summary>Keeps the failed container's last lines with the failure, before the caller's clean-up removes it.</summary>
    private async Task RecordFailureAsync(string instanceId, Exception failure)
    {
        if (await store.GetInstanceAsync(instanceId, CancellationToken.None) is not { ContainerId: { } containerId } instance
            || await store.GetHostAsync(instance.HostName, CancellationToken.None) is not { } host)
        {
            return;
        }

        var logs = await failureLogs.CaptureAsync(runtimes.For(host), containerId);
        await events.RecordAsync(instance.AppId, AppEventType.StartFailed, $"failed to start: {failure.Message}", instance, logs);
    }

    private async Task WaitHealthyAsync(IContainerRuntime runtime, App app, Instance instance, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow().AddSeconds(options.Value.StartupTimeoutSeconds);
        var nextInspect = time.GetUtcNow();
        while (!await probe.CheckAsync(instance.Address, app.HealthCheck, cancellationToken))
        {
            var now = time.GetUtcNow();
            if (now > deadline)
            {
                throw new DeploymentFailedException(
                    $"instance {instance.Id} did not answer {app.HealthCheck.Path} on {instance.Address} within {options.Value.StartupTimeoutSeconds} s");
            }

            if (now >= nextInspect)
            {
                // A container that died will never turn healthy: fail now rather than at the deadline.
                var info = await runtime.InspectAsync(instance.ContainerId!, cancellationToken);
                if (info is not { Running: true })
                {
                    throw new DeploymentFailedException($"instance {instance.Id} stopped while starting (state: {info?.Status ?? "gone"})");
                }

                nextInspect = now.AddSeconds(1);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    /// <summary>Removes the instance's container, if it got one, then releases its reservation (so its port is free only once the container is gone).</summary>
    public async Task CleanUpAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await store.GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return;
        }

        if (instance.ContainerId is not null)
        {
            var host = await store.GetHostAsync(instance.HostName, cancellationToken);
            if (host is not null)
            {
                await runtimes.For(host).RemoveAsync(instance.ContainerId, cancellationToken);
            }
        }

        await store.ReleaseInstanceAsync(instance.Id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{AppId}: host port {Port} of {Host} is in use outside Berth, trying {NextPort}: {Reason}")]
    private static partial void LogPortSkipped(ILogger logger, string appId, string host, int port, int nextPort, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {AppId} {Version} as {ContainerId} on {Address}")]
    private static partial void LogStarted(ILogger logger, string appId, string version, string containerId, string address);
}
