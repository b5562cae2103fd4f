using System.Data;
using System.Data.Common;
using Npgsql;

namespace Berth.State.Postgres;

/// <summary>
/// The state store on PostgreSQL. Write transactions run at READ COMMITTED: a reservation's conditional
/// <c>UPDATE</c> of the host row takes the row lock, so a concurrent one waits and then finds the version moved.
/// </summary>
public sealed class PostgresStateStore : SqlStateStore, IDisposable
{
    // SQLSTATE codes from PostgreSQL's errcodes.txt.
    private const string UniqueViolation = "23505";
    private const string ForeignKeyViolation = "23503";
    private const string SerializationFailure = "40001";
    private const string DeadlockDetected = "40P01";

    // Any fixed number; session-level so it spans the migration transaction and the DDL inside it.
    private const long MigrationLockKey = 0x6265727468;

    private readonly NpgsqlDataSource dataSource;

    /// <summary>A store in the database <paramref name="connectionString"/> names, e.g. <c>Host=127.0.0.1;Database=berth;Username=berth;Password=…</c>.</summary>
    public PostgresStateStore(string connectionString, TimeProvider timeProvider)
        : base(timeProvider)
    {
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <inheritdoc />
    protected override string? MigrationLockSql => $"SELECT pg_advisory_lock({MigrationLockKey})";

    /// <inheritdoc />
    protected override string? MigrationUnlockSql => $"SELECT pg_advisory_unlock({MigrationLockKey})";

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => dataSource.Dispose();

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: UniqueViolation };

    /// <inheritdoc />
    protected override bool IsForeignKeyViolation(DbException exception) => exception is PostgresException { SqlState: ForeignKeyViolation };

    /// <inheritdoc />
    protected override bool IsTransientConflict(DbException exception) =>
        exception is PostgresException { SqlState: SerializationFailure or DeadlockDetected };
}
