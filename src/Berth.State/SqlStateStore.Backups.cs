using Berth.Core.Services;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    /// <inheritdoc />
    public async Task SaveBackupAsync(ServiceBackup backup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backup);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var row = ServiceBackupRow.From(backup);
        var updated = await connection.ExecuteAsync(Command(
            """
            UPDATE service_backups SET state = @State, reason = @Reason, size_bytes = @SizeBytes, sha256 = @Sha256, finished_at = @FinishedAt
            WHERE id = @Id
            """,
            row,
            cancellationToken));
        if (updated == 0)
        {
            await connection.ExecuteAsync(Command(
                """
                INSERT INTO service_backups (id, service_id, type, state, reason, file, size_bytes, sha256, created_at, finished_at)
                VALUES (@Id, @ServiceId, @Type, @State, @Reason, @File, @SizeBytes, @Sha256, @CreatedAt, @FinishedAt)
                """,
                row,
                cancellationToken));
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ServiceBackup>> ListBackupsAsync(string serviceId, CancellationToken cancellationToken) =>
        (await QueryAsync<ServiceBackupRow>(
            $"SELECT {ServiceBackupRow.Columns} FROM service_backups WHERE service_id = @serviceId ORDER BY created_at DESC, id DESC",
            new { serviceId },
            cancellationToken))
        .ConvertAll(row => row.ToBackup());
}
