using System.Data.Common;
using Berth.Core.Events;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore : IEventStore
{
    private const string SelectEventSql = $"SELECT {AppEventRow.Columns} FROM app_events";
    private const int MaxAppendAttempts = 20;

    /// <summary>
    /// Appends with the next sequence number, computed in the same statement; two writers that computed the same
    /// number collide on the primary key and the loser retries, so sequences follow commit order with no gap a reader could skip.
    /// </summary>
    public async Task<AppEvent> AppendEventAsync(AppEvent appEvent, CancellationToken cancellationToken)
    {
        var row = AppEventRow.From(appEvent with { Time = appEvent.Time == default ? Now : appEvent.Time });
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
            try
            {
                var sequence = await connection.ExecuteScalarAsync<long>(Command(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM app_events", null, cancellationToken, transaction));
                row.Sequence = sequence;
                await connection.ExecuteAsync(Command(
                    """
                    INSERT INTO app_events (seq, app_id, type, message, instance_id, host_name, logs, at)
                    VALUES (@Sequence, @AppId, @Type, @Message, @InstanceId, @HostName, @Logs, @Time)
                    """,
                    row,
                    cancellationToken,
                    transaction));
                await transaction.CommitAsync(cancellationToken);
                return row.ToAppEvent();
            }
            catch (DbException e) when (IsUniqueViolation(e) && attempt < MaxAppendAttempts)
            {
                // Another writer took the number between our read and our insert: read the next one.
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppEvent>> ListEventsAsync(string appId, long afterSequence, int limit, CancellationToken cancellationToken) =>
        (await QueryAsync<AppEventRow>(
            $"{SelectEventSql} WHERE app_id = @appId AND seq > @afterSequence ORDER BY seq LIMIT {Math.Max(limit, 0)}",
            new { appId, afterSequence },
            cancellationToken))
        .ConvertAll(row => row.ToAppEvent());

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppEvent>> ListLatestEventsAsync(string appId, int count, CancellationToken cancellationToken)
    {
        var newestFirst = await QueryAsync<AppEventRow>(
            $"{SelectEventSql} WHERE app_id = @appId ORDER BY seq DESC LIMIT {Math.Max(count, 0)}", new { appId }, cancellationToken);
        newestFirst.Reverse();
        return newestFirst.ConvertAll(row => row.ToAppEvent());
    }

    /// <inheritdoc />
    public async Task DeleteEventsAsync(string appId, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM app_events WHERE app_id = @appId", new { appId }, cancellationToken);
}
