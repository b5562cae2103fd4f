using Berth.ControlPlane.Reconciliation;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Services;

/// <summary>
/// Takes the scheduled backups (the leader's work, so two control planes never dump the same service twice): each due
/// service is backed up, the retention applied, and its next time set one period on. A failed backup is recorded failed
/// with its event by <see cref="ServiceBackups"/>; the retention never counts it, so the last good ones stay.
/// </summary>
internal sealed partial class BackupScheduler(
    IServiceStore services,
    ServiceBackups backups,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<BackupScheduler> logger) : ILeaderWork
{
    public string Name => "backup scheduler";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, e);
            }

            await Task.Delay(options.Value.BackupSchedule.CheckInterval, time, cancellationToken);
        }
    }

    private async Task RunDueAsync(CancellationToken cancellationToken)
    {
        foreach (var schedule in await services.ListBackupSchedulesAsync(cancellationToken))
        {
            if (schedule.NextAt > time.GetUtcNow())
            {
                // Listed soonest first: the rest are not due either.
                return;
            }

            if (await services.GetServiceAsync(schedule.ServiceId, cancellationToken) is not { } service)
            {
                await services.DeleteBackupScheduleAsync(schedule.ServiceId, cancellationToken);
                continue;
            }

            // Set on before the dump, so a dump that outlasts a short period is not started again behind itself; a
            // missed period (the leader was away) is taken once, not once per period missed.
            var length = options.Value.BackupSchedule.LengthOf(schedule.Period);
            var next = schedule.NextAt + length;
            await services.SaveBackupScheduleAsync(schedule with { NextAt = next > time.GetUtcNow() ? next : time.GetUtcNow() + length }, cancellationToken);
            var backup = await backups.BackupAsync(service, cancellationToken);
            if (backup.State == BackupState.Succeeded)
            {
                await backups.PruneAsync(service, schedule.Keep, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking the scheduled backups failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
