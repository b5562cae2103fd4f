using System.Data.Common;
using Npgsql;

namespace Berth.State.Postgres;

/// <summary>The state store on PostgreSQL: the shared SQL, PostgreSQL's error codes and an advisory lock for migrating.</summary>
/// <param name="connectionString">E.g. <c>Host=127.0.0.1;Database=berth;Username=berth;Password=…</c>.</param>
internal sealed class PostgresStateStore(string connectionString, TimeProvider timeProvider)
    : ServerStateStore(NpgsqlDataSource.Create(WithKeepalive(connectionString)), timeProvider)
{
    // SQLSTATE codes from PostgreSQL's errcodes.txt.
    private const string UniqueViolation = "23505";
    private const string ForeignKeyViolation = "23503";
    private const string SerializationFailure = "40001";
    private const string DeadlockDetected = "40P01";

    // Any fixed number; session-level, so it spans the migration transaction and the DDL inside it.
    private const long MigrationLockKey = 0x6265727468;

    /// <summary>
    /// Npgsql hands out pooled connections without checking them, so after a database restart every idle one would
    /// fail its next request once. A keepalive query on each idle connection every few seconds (unless the operator set
    /// one) finds them broken while idle, and the pool then drops them instead of handing them out.
    /// </summary>
    private static string WithKeepalive(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = 2;
        }

        return builder.ConnectionString;
    }

    /// <inheritdoc />
    protected override string? MigrationLockSql => $"SELECT pg_advisory_lock({MigrationLockKey})";

    /// <inheritdoc />
    protected override string? MigrationUnlockSql => $"SELECT pg_advisory_unlock({MigrationLockKey})";

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: UniqueViolation };

    /// <inheritdoc />
    protected override bool IsForeignKeyViolation(DbException exception) => exception is PostgresException { SqlState: ForeignKeyViolation };

    /// <inheritdoc />
    protected override bool IsTransientConflict(DbException exception) =>
        exception is PostgresException { SqlState: SerializationFailure or DeadlockDetected };
}
