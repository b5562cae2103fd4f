using System.Data.Common;
using Berth.State.Migrations;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    private const string CreateMigrationsTableSql =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)";

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        if (MigrationLockSql is { } lockSql)
        {
            await connection.ExecuteAsync(Command(lockSql, null, cancellationToken));
        }
        try
        {
            await connection.ExecuteAsync(Command(CreateMigrationsTableSql, null, cancellationToken));
            await ApplyMigrationsAsync(connection, cancellationToken);
        }
        finally
        {
            if (MigrationUnlockSql is { } unlockSql)
            {
                await connection.ExecuteAsync(Command(unlockSql, null, CancellationToken.None));
            }
        }
    }

    private async Task ApplyMigrationsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // The write transaction (and the dialect's lock where DDL would not queue on it) makes two starting
        // processes take turns: the second sees what the first applied.
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var applied = (await connection.QueryAsync<long>(
            Command("SELECT version FROM schema_migrations", null, cancellationToken, transaction))).ToHashSet();
        foreach (var migration in MigrationScripts.All.Where(migration => !applied.Contains(migration.Version)))
        {
            await connection.ExecuteAsync(Command(migration.Sql, null, cancellationToken, transaction));
            await connection.ExecuteAsync(Command(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (@Version, @AppliedAt)",
                new { migration.Version, AppliedAt = StoredTime.ToText(Now) },
                cancellationToken,
                transaction));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
