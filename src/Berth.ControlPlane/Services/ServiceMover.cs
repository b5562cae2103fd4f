using System.Globalization;
using Berth.Core.Events;
using Berth.Core.Runtime;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Services;

/// <summary>
/// Moves a service to another host, its data carried by a backup (a volume cannot follow): its bound apps are cut off
/// (their users dropped, so nothing writes after the dump), the service is dumped, its container removed, its
/// reservation moved, it starts on the new host, the dump is restored, the users are made again with the passwords the
/// apps hold, and the apps roll out with the new address. The downtime is from the cut to the last rollout's end.
/// </summary>
internal sealed partial class ServiceMover(
    IServiceStore services,
    ServiceLauncher launcher,
    ServiceBackups backups,
    ServiceBindings bindings,
    ServiceEvents events,
    TimeProvider time,
    ILogger<ServiceMover> logger)
{
    /// <exception cref="ServiceMoveException">The move was refused (not running, same host) or failed; the message says where the data is.</exception>
    public async Task<ServiceMove> MoveAsync(ManagedService service, string hostName, CancellationToken cancellationToken)
    {
        if (service.State != ServiceState.Running)
        {
            throw new ServiceMoveException($"service '{service.Id}' is {service.State.ToString().ToLowerInvariant()}: only a running service moves");
        }

        if (service.HostName == hostName)
        {
            throw new ServiceMoveException($"service '{service.Id}' is on {hostName} already");
        }

        var from = service.HostName;
        var cut = time.GetTimestamp();
        await bindings.SuspendAsync(service, cancellationToken);
        var backup = await backups.BackupAsync(service, cancellationToken);
        if (backup.State != BackupState.Succeeded)
        {
            await bindings.RegrantAsync(service, CancellationToken.None);
            throw new ServiceMoveException($"the backup failed ({backup.Reason}): the service stays on {from}");
        }

        var oldRuntime = await launcher.RuntimeAsync(service, cancellationToken);
        var moving = service with { State = ServiceState.Moving, Reason = $"moving to {hostName}", UpdatedAt = time.GetUtcNow() };
        await services.UpdateServiceAsync(moving, cancellationToken);
        ManagedService moved;
        try
        {
            moved = await launcher.ReserveOnAsync(moving, hostName, cancellationToken);
        }
        catch (ServiceLaunchException e)
        {
            await services.UpdateServiceAsync(service with { UpdatedAt = time.GetUtcNow() }, CancellationToken.None);
            await bindings.RegrantAsync(service, CancellationToken.None);
            throw new ServiceMoveException($"{e.Message}: the service stays on {from}", e);
        }

        // Only once the new host is reserved: until then the old container is where the service goes on.
        await oldRuntime.RemoveAsync(service.ContainerId!, cancellationToken);
        try
        {
            moved = await launcher.StartAsync(moved, cancellationToken);
            await backups.RestoreAsync(moved, backup, cancellationToken);
            moved = await services.GetServiceAsync(moved.Id, cancellationToken) ?? moved;
            await bindings.RegrantAsync(moved, cancellationToken);
        }
        catch (Exception e) when (e is ServiceLaunchException or InvalidOperationException)
        {
            await events.RecordAsync(moved, AppEventType.StartFailed, $"the move from {from} failed on {hostName}: {e.Message}; the data is in backup {backup.Id} and on the volume on {from}");
            throw new ServiceMoveException($"the move failed on {hostName} ({e.Message}): the data is in backup {backup.Id} and on the volume on {from}", e);
        }

        var rollouts = await bindings.RolloutBoundAppsAsync(moved, cancellationToken);
        var downtime = time.GetElapsedTime(cut);
        if (oldRuntime is IVolumes volumes)
        {
            // The data lives on the new host now, and in the backup: the old copy would only go stale.
            await volumes.RemoveVolumeAsync(service.Volume, cancellationToken);
        }

        await events.RecordAsync(moved, AppEventType.Moved, string.Create(CultureInfo.InvariantCulture,
            $"moved from {from} to {hostName} through backup {backup.Id}: bound apps cut off for {downtime.TotalSeconds:F1} s ({rollouts.Count} rolled out)"));
        LogMoved(logger, moved.Id, from, hostName, downtime.TotalSeconds);
        return new ServiceMove(moved, from, backup, rollouts, downtime);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Service {ServiceId} moved from {From} to {To}; bound apps cut off for {Seconds:F1} s")]
    private static partial void LogMoved(ILogger logger, string serviceId, string from, string to, double seconds);
}
