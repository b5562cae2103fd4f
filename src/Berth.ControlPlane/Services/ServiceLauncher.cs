using Berth.ControlPlane.Events;
using Berth.Core.Events;
using Berth.Core.Runtime;
using Berth.Core.Services;
using Berth.Core.State;
using Berth.Discovery.Config;
using Berth.ControlPlane.Execution;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Services;

/// <summary>
/// The one seam between managed services and the hosts: place a new service (the scheduler picks the host, the store
/// reserves its memory and port), start its container with its volume, wait until its server answers, and remove it.
/// Placing and starting go through the <see cref="PlanExecutor"/>, the one place that reserves and starts containers.
/// </summary>
internal sealed partial class ServiceLauncher(
    IServiceStore services,
    PlanExecutor executor,
    HostEngines hosts,
    SecretProtector protector,
    ServiceEvents events,
    TimeProvider time,
    ILogger<ServiceLauncher> logger)
{
    /// <summary>Chooses the service's host, reserves its memory and port there and records it as <see cref="ServiceState.Creating"/>.</summary>
    /// <exception cref="ServiceLaunchException">No host can take it; the message says why each refused.</exception>
    /// <exception cref="ConflictException">The name is taken.</exception>
    public async Task<ManagedService> ReserveAsync(ManagedService draft, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.PlaceServiceAsync(
                draft with { State = ServiceState.Creating, SealedAdminPassword = protector.Protect(Passwords.New(), SecretPath(draft.Id)) },
                cancellationToken);
        }
        catch (LaunchFailedException e)
        {
            throw new ServiceLaunchException(e.Message, e);
        }
    }

    /// <summary>Moves the service's reservation to <paramref name="hostName"/>: recorded there without a container, its state unchanged.</summary>
    /// <exception cref="ServiceLaunchException">The host cannot take it; the message says why.</exception>
    public async Task<ManagedService> ReserveOnAsync(ManagedService service, string hostName, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.ReserveServiceOnAsync(service, hostName, cancellationToken);
        }
        catch (LaunchFailedException e)
        {
            throw new ServiceLaunchException(e.Message, e);
        }
    }

    /// <summary>
    /// Makes sure the service's container exists and runs on its host (created again with the same volume when gone),
    /// waits until its server answers and prepares its database. Returns it as running; on failure it is recorded failed
    /// (or unhealthy, when it had run before) with the reason, and the exception is thrown.
    /// </summary>
    public async Task<ManagedService> StartAsync(ManagedService service, CancellationToken cancellationToken)
    {
        try
        {
            var admin = ServiceAdmins.For(service.Type);
            var env = new Dictionary<string, string> { ["BERTH_ADMIN_PASSWORD"] = AddressOf(service).AdminPassword };
            service = await executor.StartServiceAsync(
                new ServiceLaunchRequest(service, env, (started, token) => admin.PingAsync(AddressOf(started), token)),
                cancellationToken);
            await admin.PrepareAsync(AddressOf(service), service, cancellationToken);
            service = service with { State = ServiceState.Running, Reason = null, UpdatedAt = time.GetUtcNow() };
            await services.UpdateServiceAsync(service, cancellationToken);
            LogRunning(logger, service.Id, service.HostName, service.HostIp, service.HostPort);
            return service;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The executor may have made a new container: the row as stored holds its id.
            service = await services.GetServiceAsync(service.Id, CancellationToken.None) ?? service;
            var state = service.State == ServiceState.Creating ? ServiceState.Failed : ServiceState.Unhealthy;
            await services.UpdateServiceAsync(service with { State = state, Reason = e.Message, UpdatedAt = time.GetUtcNow() }, CancellationToken.None);
            await events.RecordAsync(service, AppEventType.StartFailed, $"failed to start on {service.HostName}: {e.Message}");
            throw new ServiceLaunchException(e.Message, e);
        }
    }

    /// <summary>Removes the container and, with <paramref name="purge"/>, the volume and its data; then forgets the service.</summary>
    public async Task RemoveAsync(ManagedService service, bool purge, CancellationToken cancellationToken)
    {
        // Marked first, so the monitor does not start the container again between its removal and the row's.
        await services.UpdateServiceAsync(service with { State = ServiceState.Deleting, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        var runtime = await RuntimeAsync(service, cancellationToken);
        if (service.ContainerId is { } id)
        {
            await runtime.RemoveAsync(id, cancellationToken);
        }

        if (purge && runtime is IVolumes volumes)
        {
            await volumes.RemoveVolumeAsync(service.Volume, cancellationToken);
        }

        await services.DeleteServiceAsync(service.Id, cancellationToken);
    }

    /// <summary>Where the control plane reaches the service: its host's advertise address and published port, as administrator.</summary>
    public ServiceAddress AddressOf(ManagedService service) =>
        new(service.HostIp, service.HostPort, protector.Unprotect(service.SealedAdminPassword, SecretPath(service.Id)));

    /// <summary>The runtime of the service's host.</summary>
    public async Task<IContainerRuntime> RuntimeAsync(ManagedService service, CancellationToken cancellationToken)
    {
        return await hosts.RuntimeAsync(service.HostName, cancellationToken)
            ?? throw new ServiceLaunchException($"host {service.HostName} is gone");
    }

    private static string SecretPath(string serviceId) => $"/caas/services/{serviceId}/admin";

    [LoggerMessage(Level = LogLevel.Information, Message = "Service {ServiceId} runs on {Host} at {HostIp}:{HostPort}")]
    private static partial void LogRunning(ILogger logger, string serviceId, string host, string hostIp, int hostPort);
}
