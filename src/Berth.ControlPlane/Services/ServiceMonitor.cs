using Berth.ControlPlane.Reconciliation;
using Berth.Core.Events;
using Berth.Core.Runtime;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Services;

/// <summary>
/// Keeps every managed service running on its own host (the leader's work): a service whose container stopped or
/// vanished is started again there with its volume (on another port of its host when its own was taken meanwhile, its
/// bound apps rolled out with the new address); one whose server does not answer its protocol's health check is
/// marked unhealthy; one whose host is down is marked down and left there, since its data cannot move without it.
/// </summary>
internal sealed partial class ServiceMonitor(
    IServiceStore services,
    IHostStatusStore hostStatus,
    ServiceLauncher launcher,
    ServiceBindings bindings,
    ServiceEvents events,
    TimeProvider time,
    ILogger<ServiceMonitor> logger) : ILeaderWork
{
    /// <summary>How often each service is checked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>How long the engine is given to describe a service's container.</summary>
    public static readonly TimeSpan InspectTimeout = TimeSpan.FromSeconds(5);

    public string Name => "service monitor";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await CheckAllAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogCheckFailed(logger, e);
            }

            await Task.Delay(Interval, time, cancellationToken);
        }
    }

    private async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        var down = await hostStatus.ListDownHostsAsync(cancellationToken);
        foreach (var service in await services.ListServicesAsync(null, cancellationToken))
        {
            // A service being created, moved or deleted belongs to the call doing it; a failed one waits for its tenant.
            if (service.State is ServiceState.Creating or ServiceState.Failed or ServiceState.Deleting or ServiceState.Moving)
            {
                continue;
            }

            try
            {
                await CheckAsync(service, down.ContainsKey(service.HostName), cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogServiceCheckFailed(logger, service.Id, e.Message);
            }
        }
    }

    private async Task CheckAsync(ManagedService service, bool hostDown, CancellationToken cancellationToken)
    {
        if (hostDown)
        {
            if (service.State != ServiceState.Down)
            {
                await SetAsync(service, ServiceState.Down, $"host {service.HostName} does not answer; the service stays there with its data", cancellationToken);
                await events.RecordAsync(service, AppEventType.HostDown, $"host {service.HostName} is down: the service is down until it is back (its volume is there)");
            }
            return;
        }

        var runtime = await launcher.RuntimeAsync(service, cancellationToken);
        var info = service.ContainerId is { } id ? await InspectAsync(runtime, id, service.HostName, cancellationToken) : null;
        if (info is not { Running: true })
        {
            await events.RecordAsync(service, AppEventType.Exited, $"the container is {info?.Status ?? "gone"}: starting it again on {service.HostName} with its volume");
            await SetAsync(service, ServiceState.Unhealthy, $"container {info?.Status ?? "gone"}", cancellationToken);
            var started = await launcher.StartAsync(service, cancellationToken);
            await events.RecordAsync(started, AppEventType.Restarted, $"running again on {started.HostName} at {started.HostIp}:{started.HostPort}");
            if (started.HostPort != service.HostPort)
            {
                // Its old port was taken outside Berth meanwhile: apps on other hosts reach it by the port, so they roll out.
                await bindings.RolloutBoundAppsAsync(started, cancellationToken);
            }

            return;
        }

        try
        {
            await ServiceAdmins.For(service.Type).PingAsync(launcher.AddressOf(service), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (service.State == ServiceState.Running)
            {
                await SetAsync(service, ServiceState.Unhealthy, e.Message, cancellationToken);
                await events.RecordAsync(service, AppEventType.Unhealthy, $"does not answer its health check: {e.Message}");
            }
            return;
        }

        if (service.State != ServiceState.Running)
        {
            await launcher.StartAsync(service, cancellationToken);
            await events.RecordAsync(service, AppEventType.Recovered, "answers its health check again");
        }
    }

    /// <summary>
    /// The container as its engine sees it, within <see cref="InspectTimeout"/>: an engine that hangs (a host cut off
    /// before its heartbeats mark it down) must not hold up every other service's check, nor this one's once it is down.
    /// </summary>
    private async Task<ContainerInfo?> InspectAsync(IContainerRuntime runtime, string containerId, string hostName, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(InspectTimeout, time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await runtime.InspectAsync(containerId, bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the engine of {hostName} did not answer within {InspectTimeout.TotalSeconds} s");
        }
    }

    private Task SetAsync(ManagedService service, ServiceState state, string reason, CancellationToken cancellationToken) =>
        services.UpdateServiceAsync(service with { State = state, Reason = reason, UpdatedAt = time.GetUtcNow() }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the services failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking service {ServiceId} failed: {Reason}")]
    private static partial void LogServiceCheckFailed(ILogger logger, string serviceId, string reason);
}
