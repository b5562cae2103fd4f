using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Events;
using Berth.Core.Events;
using Berth.Core.Runtime;
using Berth.Core.Services;
using Berth.Core.State;
using Berth.Discovery.Config;
using Berth.ControlPlane.Execution;
using Berth.Scheduling.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Services;

/// <summary>
/// The one seam between managed services and the hosts: place a new service (the scheduler picks the host, the store
/// reserves its memory and port), start its container with its volume, wait until its server answers, and remove it.
/// Everything else about services goes through here, so moving it onto another launch path changes this file only.
/// </summary>
public sealed partial class ServiceLauncher(
    IServiceStore services,
    IStateStore store,
    Placer placer,
    Scheduler scheduler,
    IContainerRuntimeFactory runtimes,
    SecretProtector protector,
    ServiceEvents events,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<ServiceLauncher> logger)
{
    private const int PlacementAttempts = 20;

    /// <summary>Chooses the service's host, reserves its memory and port there and records it as <see cref="ServiceState.Creating"/>.</summary>
    /// <exception cref="ServiceLaunchException">No host can take it; the message says why each refused.</exception>
    /// <exception cref="ConflictException">The name is taken.</exception>
    public async Task<ManagedService> ReserveAsync(ManagedService draft, CancellationToken cancellationToken)
    {
        var request = new PlacementRequest($"service:{draft.Id}", draft.MemoryMb, 0);
        var password = Passwords.New();
        for (var attempt = 1; ; attempt++)
        {
            var plan = scheduler.Plan(await placer.ReadSnapshotAsync(request, cancellationToken), request, 1);
            if (!plan.Complete)
            {
                throw new ServiceLaunchException(plan.Explain());
            }

            var host = plan.Placements[0].Host;
            try
            {
                return await services.ReserveServiceAsync(
                    draft with { HostName = host.Name, HostIp = host.AdvertiseIp, State = ServiceState.Creating, SealedAdminPassword = protector.Protect(password, SecretPath(draft.Id)) },
                    host.Version,
                    cancellationToken);
            }
            catch (Exception e) when (attempt < PlacementAttempts && e is StaleHostException or InsufficientCapacityException or PortRangeExhaustedException)
            {
                // Another placement took the host meanwhile: read again and plan again.
            }
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
            var runtime = await RuntimeAsync(service, cancellationToken);
            var info = service.ContainerId is { } id ? await runtime.InspectAsync(id, cancellationToken) : null;
            if (info is null)
            {
                service = await CreateContainerAsync(runtime, service, cancellationToken);
            }

            if (info is not { Running: true })
            {
                await runtime.StartAsync(service.ContainerId!, cancellationToken);
            }

            await WaitAnsweringAsync(runtime, service, cancellationToken);
            await ServiceAdmins.For(service.Type).PrepareAsync(AddressOf(service), service, cancellationToken);
            service = service with { State = ServiceState.Running, Reason = null, UpdatedAt = time.GetUtcNow() };
            await services.UpdateServiceAsync(service, cancellationToken);
            LogRunning(logger, service.Id, service.HostName, service.HostIp, service.HostPort);
            return service;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
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
        var host = await store.GetHostAsync(service.HostName, cancellationToken)
            ?? throw new ServiceLaunchException($"host {service.HostName} is gone");
        return runtimes.For(host);
    }

    private async Task<ManagedService> CreateContainerAsync(IContainerRuntime runtime, ManagedService service, CancellationToken cancellationToken)
    {
        var kind = service.Kind;
        var image = $"{options.Value.Registry}/{kind.Repository}:{service.Version}";
        await runtime.EnsureImageAsync(image, cancellationToken);
        var spec = new ContainerSpec
        {
            Name = service.ContainerName,
            Image = image,
            ContainerPort = kind.Port,
            HostIp = service.HostIp,
            HostPort = service.HostPort,
            MemoryMb = service.MemoryMb,
            Network = BerthNetworks.ForTenant(service.Tenant),
            Env = new Dictionary<string, string> { ["BERTH_ADMIN_PASSWORD"] = AddressOf(service).AdminPassword },
            Volumes = [new VolumeMount(service.Volume, kind.DataPath, ReadOnly: false)],
            Labels = new Dictionary<string, string>
            {
                [ServiceLabels.Service] = service.Id,
                [BerthLabels.Tenant] = service.Tenant,
            },
        };

        // A container left by an earlier attempt holds the name: it is replaced, its data stays on the volume.
        foreach (var stale in await runtime.ListAsync(new Dictionary<string, string> { [ServiceLabels.Service] = service.Id }, cancellationToken))
        {
            await runtime.RemoveAsync(stale.Id, cancellationToken);
        }

        service = service with { ContainerId = await runtime.CreateAsync(spec, cancellationToken), UpdatedAt = time.GetUtcNow() };
        await services.UpdateServiceAsync(service, cancellationToken);
        return service;
    }

    private async Task WaitAnsweringAsync(IContainerRuntime runtime, ManagedService service, CancellationToken cancellationToken)
    {
        var admin = ServiceAdmins.For(service.Type);
        var address = AddressOf(service);
        var deadline = time.GetUtcNow().AddSeconds(options.Value.StartupTimeoutSeconds);
        while (true)
        {
            try
            {
                await admin.PingAsync(address, cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() > deadline)
                {
                    throw new ServiceLaunchException($"the server did not answer on {address.Host}:{address.Port} within {options.Value.StartupTimeoutSeconds} s: {e.Message}", e);
                }

                // A container that died will never answer: fail now rather than at the deadline.
                var info = await runtime.InspectAsync(service.ContainerId!, cancellationToken);
                if (info is not { Running: true })
                {
                    throw new ServiceLaunchException($"the container stopped while starting (state: {info?.Status ?? "gone"}): {e.Message}", e);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }
    }

    private static string SecretPath(string serviceId) => $"/caas/services/{serviceId}/admin";

    [LoggerMessage(Level = LogLevel.Information, Message = "Service {ServiceId} runs on {Host} at {HostIp}:{HostPort}")]
    private static partial void LogRunning(ILogger logger, string serviceId, string host, string hostIp, int hostPort);
}
