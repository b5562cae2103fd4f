using Berth.ControlPlane.Events;
using Berth.ControlPlane.Health;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery;
using Berth.Discovery.Config;
using Berth.Scheduling.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Deployments;

/// <summary>
/// Brings one new instance to life: place and reserve, pull, create, start, wait for its first healthy
/// probe, register it. Whatever fails, it leaves no container, reservation or discovery entry behind.
/// </summary>
public sealed partial class InstanceLauncher(
    IStateStore store,
    Scheduler scheduler,
    IContainerRuntimeFactory runtimes,
    ServiceRegistry registry,
    ConfigStore config,
    HealthProbe probe,
    HostAvailability hosts,
    ClusterLabel cluster,
    AppEventRecorder events,
    FailureLogs failureLogs,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<InstanceLauncher> logger)
{
    private const int MaxPlacementAttempts = 20;

    public async Task<Instance> LaunchAsync(App app, string version, string deploymentId, CancellationToken cancellationToken)
    {
        var instance = await ReserveAsync(app, version, deploymentId, cancellationToken);
        CrashPoints.Hit(CrashPoints.LaunchReserved);
        try
        {
            return await StartAsync(app, instance, cancellationToken);
        }
        catch (Exception e)
        {
            await CleanUpAsync(instance.Id, e, CancellationToken.None);
            throw;
        }
    }

    private async Task<Instance> ReserveAsync(App app, string version, string deploymentId, CancellationToken cancellationToken)
    {
        var request = new PlacementRequest(app.Id, app.MemoryMb, app.CpuShares);
        for (var attempt = 1; ; attempt++)
        {
            var placement = scheduler.PlaceOne(await hosts.ListUpAsync(cancellationToken), request);
            if (placement.Host is null)
            {
                throw new DeploymentFailedException(placement.Explain());
            }

            try
            {
                return await store.ReserveInstanceAsync(new InstanceReservation
                {
                    InstanceId = Guid.NewGuid().ToString("N")[..12],
                    AppId = app.Id,
                    Version = version,
                    DeploymentId = deploymentId,
                    HostName = placement.Host.Host.Name,
                    ExpectedHostVersion = placement.Host.Host.Version,
                    MemoryMb = app.MemoryMb,
                    CpuShares = app.CpuShares,
                }, cancellationToken);
            }
            catch (Exception e) when (e is StaleHostException or PortRangeExhaustedException or InsufficientCapacityException && attempt < MaxPlacementAttempts)
            {
                // Another placement won the race for this host: read the hosts again and retry.
            }
            catch (Exception e) when (e is PortRangeExhaustedException or InsufficientCapacityException)
            {
                throw new DeploymentFailedException(e.Message, e);
            }
        }
    }

    private async Task<Instance> StartAsync(App app, Instance instance, CancellationToken cancellationToken)
    {
        var host = await store.GetHostAsync(instance.HostName, cancellationToken)
            ?? throw new DeploymentFailedException($"host {instance.HostName} is gone");
        var runtime = runtimes.Get(host.Engine);
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
        var spec = await cluster.ApplyAsync(ContainerSpecs.For(app, instance, image, settings), cancellationToken);
        var containerId = await runtime.CreateAsync(spec, cancellationToken);
        CrashPoints.Hit(CrashPoints.LaunchCreated);
        instance = instance with { ContainerId = containerId, State = InstanceState.Starting, UpdatedAt = time.GetUtcNow() };
        await store.UpdateInstanceAsync(instance, cancellationToken);
        await runtime.StartAsync(containerId, cancellationToken);
        CrashPoints.Hit(CrashPoints.LaunchStarted);
        await WaitHealthyAsync(runtime, app, instance, cancellationToken);

        await registry.RegisterAsync(app.Id, instance.Version, containerId, instance.Address, cancellationToken);
        CrashPoints.Hit(CrashPoints.LaunchRegistered);
        instance = instance with { State = InstanceState.Running, Health = InstanceHealth.Healthy, UpdatedAt = time.GetUtcNow() };
        await store.UpdateInstanceAsync(instance, cancellationToken);
        LogStarted(logger, app.Id, instance.Version, containerId[..12], instance.Address);
        await events.RecordAsync(app.Id, AppEventType.InstanceStarted, $"started {instance.Version} on {instance.HostName} at {instance.Address}; in discovery", instance);
        return instance;
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

    /// <summary>Removes what the failed launch left, keeping the container's last lines with the failure event first.</summary>
    private async Task CleanUpAsync(string instanceId, Exception failure, CancellationToken cancellationToken)
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
                var runtime = runtimes.Get(host.Engine);
                var logs = await failureLogs.CaptureAsync(runtime, instance.ContainerId);
                await events.RecordAsync(instance.AppId, AppEventType.StartFailed, $"failed to start: {failure.Message}", instance, logs);
                await runtime.RemoveAsync(instance.ContainerId, cancellationToken);
            }
        }

        await store.ReleaseInstanceAsync(instance.Id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {AppId} {Version} as {ContainerId} on {Address}")]
    private static partial void LogStarted(ILogger logger, string appId, string version, string containerId, string address);
}
