using Berth.Core.Events;
using Berth.Core.Services;
using Berth.Core.State;

namespace Berth.ControlPlane.Services;

/// <summary>
/// Deletes a service. Without purge its data is kept twice over: the volume stays on its host, and a last backup is taken
/// (when it runs) and kept, the older ones going; a service created again under the name lists it and restores it. With
/// purge the volume, every backup and their files go.
/// </summary>
internal sealed class ServiceRemoval(IServiceStore services, ServiceLauncher launcher, ServiceBackups backups, ServiceEvents events)
{
    /// <summary>Removes the service; returns the backup kept (null with purge, or when the service had none).</summary>
    public async Task<ServiceBackup?> RemoveAsync(ManagedService service, bool purge, CancellationToken cancellationToken)
    {
        if (purge)
        {
            await launcher.RemoveAsync(service, purge: true, cancellationToken);
            await backups.PruneAsync(service, keep: 0, cancellationToken);
            return null;
        }

        if (service.State == ServiceState.Running)
        {
            var last = await backups.BackupAsync(service, cancellationToken);
            if (last.State != BackupState.Succeeded)
            {
                await events.RecordAsync(service, AppEventType.BackupFailed, $"the last backup before removal failed ({last.Reason}): the backup kept is the newest earlier one");
            }
        }

        await backups.PruneAsync(service, keep: 1, cancellationToken);
        await launcher.RemoveAsync(service, purge: false, cancellationToken);
        return (await services.ListBackupsAsync(service.Id, cancellationToken)).FirstOrDefault(b => b.State == BackupState.Succeeded);
    }
}
