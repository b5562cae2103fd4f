using Berth.Core.Services;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    /// <inheritdoc />
    public async Task<bool> DeleteBackupAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command("DELETE FROM service_backups WHERE id = @id", new { id }, cancellationToken)) > 0;
    }

    /// <inheritdoc />
    public async Task SaveBackupScheduleAsync(BackupSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = BackupScheduleRow.From(schedule);
        // Update first, insert when missing: the same statements on the three databases, and only the leader and the
        // owner's API call write a schedule.
        var updated = await connection.ExecuteAsync(Command(
            "UPDATE service_backup_schedules SET backup_period = @Period, keep_count = @Keep, next_at = @NextAt WHERE service_id = @ServiceId",
            row,
            cancellationToken));
        if (updated == 0)
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO service_backup_schedules (service_id, backup_period, keep_count, next_at) VALUES (@ServiceId, @Period, @Keep, @NextAt)",
                row,
                cancellationToken));
        }
    }

    /// <inheritdoc />
    public async Task<BackupSchedule?> GetBackupScheduleAsync(string serviceId, CancellationToken cancellationToken) =>
        (await QueryAsync<BackupScheduleRow>(
            $"SELECT {BackupScheduleRow.Columns} FROM service_backup_schedules WHERE service_id = @serviceId",
            new { serviceId },
            cancellationToken))
        .FirstOrDefault()?.ToSchedule();

    /// <inheritdoc />
    public async Task<IReadOnlyList<BackupSchedule>> ListBackupSchedulesAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<BackupScheduleRow>(
            $"SELECT {BackupScheduleRow.Columns} FROM service_backup_schedules ORDER BY next_at, service_id",
            null,
            cancellationToken))
        .ConvertAll(row => row.ToSchedule());

    /// <inheritdoc />
    public async Task<bool> DeleteBackupScheduleAsync(string serviceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(
            "DELETE FROM service_backup_schedules WHERE service_id = @serviceId", new { serviceId }, cancellationToken)) > 0;
    }
}
