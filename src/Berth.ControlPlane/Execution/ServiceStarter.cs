using Berth.ControlPlane.Services;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.Services;
using Berth.Core.State;
using Berth.Scheduling.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// Places and starts managed services for the <see cref="PlanExecutor"/>: a service's reservation is its own row (it
/// is pinned to the host that holds its volume and is no app's instance), claimed through the placer's optimistic loop;
/// its container is made with the volume, started, and waited for over the server's protocol. When the engine cannot
/// bind the service's host port because something outside Berth holds it, the port is blocked and the service moves to
/// another free port of its host, as an app's instance does (<see cref="ContainerFactory"/>).
/// </summary>
public sealed partial class ServiceStarter(
    IServiceStore services,
    IStateStore store,
    IHostStatusStore hostStatus,
    IBlockedPortStore blockedPorts,
    Placer placer,
    HostEngines hosts,
    StartupCheck startup,
    ServiceEvents events,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<ServiceStarter> logger)
{
    private const int MaxMoveAttempts = 20;

    /// <summary>How many ports one start tries before it fails, when the engine finds each taken.</summary>
    private const int PortAttempts = 3;

    /// <summary>Chooses the service's host and reserves its memory and a port of the host's range there; returns it as stored.</summary>
    /// <exception cref="LaunchFailedException">No host can take it; the message says why each refused.</exception>
    /// <exception cref="ConflictException">The name is taken.</exception>
    public Task<ManagedService> ReserveAsync(ManagedService draft, CancellationToken cancellationToken) =>
        placer.PlaceOneAsync(
            new PlacementRequest($"service:{draft.Id}", draft.MemoryMb, 0),
            host => services.ReserveServiceAsync(draft with { HostName = host.Name, HostIp = host.AdvertiseIp }, host.Version, cancellationToken),
            cancellationToken);

    /// <summary>
    /// Reserves the service's memory and a port on <paramref name="hostName"/> instead of its own host (which gets its
    /// memory back) and records it there without a container, in <paramref name="service"/>'s state.
    /// </summary>
    /// <exception cref="LaunchFailedException">The host is unknown, down, draining, full, or kept changing.</exception>
    public async Task<ManagedService> ReserveOnAsync(ManagedService service, string hostName, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = await store.GetHostAsync(hostName, cancellationToken) ?? throw new LaunchFailedException($"host {hostName} is not known");
            if (host.Drain || (await hostStatus.ListDownHostsAsync(cancellationToken)).ContainsKey(hostName))
            {
                throw new LaunchFailedException($"host {hostName} is {(host.Drain ? "draining" : "down")}");
            }

            try
            {
                return await services.MoveServiceAsync(service, hostName, host.Version, cancellationToken);
            }
            catch (StaleHostException) when (attempt < MaxMoveAttempts)
            {
                // Another reservation took the host's version first: read it again.
            }
            catch (Exception e) when (e is InsufficientCapacityException or PortRangeExhaustedException or StaleHostException)
            {
                throw new LaunchFailedException($"host {hostName} cannot take the service: {e.Message}", e);
            }
        }
    }

    /// <summary>Makes sure the container exists (made again, same volume, when gone) and runs; returns once its server answers.</summary>
    /// <exception cref="LaunchFailedException">The host is gone, the image is missing, the container died or the server never answered.</exception>
    public async Task<ManagedService> StartAsync(ServiceLaunchRequest request, CancellationToken cancellationToken)
    {
        var service = request.Service;
        var runtime = await hosts.RuntimeAsync(service.HostName, cancellationToken)
            ?? throw new LaunchFailedException($"host {service.HostName} is gone");
        var info = service.ContainerId is { } id ? await runtime.InspectAsync(id, cancellationToken) : null;
        if (info is null)
        {
            service = await CreateAsync(runtime, request, cancellationToken);
        }

        if (info is not { Running: true })
        {
            service = await StartOnFreePortAsync(runtime, request with { Service = service }, cancellationToken);
        }

        var answering = service;
        await startup.WaitAsync(runtime, service.ContainerId!, "the server", async token =>
        {
            try
            {
                await request.Ping(answering, token);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                return $"did not answer on {answering.HostIp}:{answering.HostPort} ({e.Message})";
            }
        }, TimeSpan.FromMilliseconds(250), cancellationToken);
        return service;
    }

    /// <summary>Starts the service's container; when its port is taken outside Berth, makes it again on another port of the host.</summary>
    private async Task<ManagedService> StartOnFreePortAsync(IContainerRuntime runtime, ServiceLaunchRequest request, CancellationToken cancellationToken)
    {
        var service = request.Service;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await runtime.StartAsync(service.ContainerId!, cancellationToken);
                return service;
            }
            catch (HostPortInUseException e)
            {
                // The container's port binding is fixed at its creation: a new port needs a new container (same volume).
                service = await SkipTakenPortAsync(service, e, attempt, cancellationToken);
                service = await CreateAsync(runtime, request with { Service = service }, cancellationToken);
            }
        }
    }

    /// <summary>Blocks the service's taken port; then, unless this was the last attempt, moves the service to another port of its host.</summary>
    private async Task<ManagedService> SkipTakenPortAsync(ManagedService service, HostPortInUseException taken, int attempt, CancellationToken cancellationToken)
    {
        var blockFor = TimeSpan.FromMinutes(options.Value.PortBlockMinutes);
        await blockedPorts.BlockPortAsync(new BlockedPort(service.HostName, service.HostPort, time.GetUtcNow() + blockFor, taken.Message), cancellationToken);
        var skipped = $"host port {service.HostPort} of {service.HostName} is in use outside Berth, so it is blocked for {blockFor.TotalMinutes:0} min";
        if (attempt == PortAttempts)
        {
            throw new LaunchFailedException($"{skipped}; gave up after {PortAttempts} taken ports: {taken.Message}", taken);
        }

        ManagedService moved;
        try
        {
            moved = await services.MoveServiceToFreePortAsync(service.Id, cancellationToken);
        }
        catch (PortRangeExhaustedException e)
        {
            throw new LaunchFailedException($"{skipped}, and {e.Message}", e);
        }

        LogPortSkipped(logger, service.Id, service.HostName, service.HostPort, moved.HostPort, taken.Message);
        await events.RecordAsync(moved, AppEventType.PortBlocked, $"{skipped}; trying port {moved.HostPort}");
        return moved;
    }

    private async Task<ManagedService> CreateAsync(IContainerRuntime runtime, ServiceLaunchRequest request, CancellationToken cancellationToken)
    {
        var service = request.Service;
        var kind = service.Kind;
        var image = $"{options.Value.Registry}/{kind.Repository}:{service.Version}";
        try
        {
            await runtime.EnsureImageAsync(image, cancellationToken);
        }
        catch (ImageNotFoundException e)
        {
            throw new LaunchFailedException(e.Message, e);
        }

        // A container left by an earlier attempt holds the name: it is replaced, its data stays on the volume.
        var labels = new Dictionary<string, string> { [ServiceLabels.Service] = service.Id };
        foreach (var stale in await runtime.ListAsync(labels, cancellationToken))
        {
            await runtime.RemoveAsync(stale.Id, cancellationToken);
        }

        var spec = new ContainerSpec
        {
            Name = service.ContainerName,
            Image = image,
            ContainerPort = kind.Port,
            HostIp = service.HostIp,
            HostPort = service.HostPort,
            MemoryMb = service.MemoryMb,
            Network = BerthNetworks.ForTenant(service.Tenant),
            Env = request.Env,
            Volumes = [new VolumeMount(service.Volume, kind.DataPath, ReadOnly: false)],
            Labels = new Dictionary<string, string>(labels) { [BerthLabels.Tenant] = service.Tenant },
        };
        service = service with { ContainerId = await runtime.CreateAsync(spec, cancellationToken), UpdatedAt = time.GetUtcNow() };
        await services.UpdateServiceAsync(service, cancellationToken);
        return service;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service {ServiceId}: host port {Port} of {Host} is in use outside Berth, trying {NextPort}: {Reason}")]
    private static partial void LogPortSkipped(ILogger logger, string serviceId, string host, int port, int nextPort, string reason);
}
