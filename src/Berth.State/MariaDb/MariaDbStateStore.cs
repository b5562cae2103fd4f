using System.Data.Common;
using MySqlConnector;

namespace Berth.State.MariaDb;

/// <summary>
/// The state store on MariaDB or MySQL (InnoDB): the shared SQL, MariaDB's upsert form and error codes, and a named
/// lock for migrating. The database should default to a binary collation (<c>utf8mb4_bin</c>), so names compare as on
/// the other databases.
/// </summary>
/// <param name="connectionString">E.g. <c>Server=127.0.0.1;Database=berth;User ID=berth;Password=…</c>.</param>
internal sealed class MariaDbStateStore(string connectionString, TimeProvider timeProvider)
    : ServerStateStore(new MySqlDataSource(connectionString), timeProvider)
{
    private const string MigrationLockName = "berth.migrations";

    /// <summary>Inserts a host or updates all but its version, drain flag and reservations, in MariaDB's upsert form.</summary>
    protected override string UpsertHostSql =>
        """
        INSERT INTO hosts (name, engine, tls_json, advertise_ip, port_range_start, port_range_end, memory_mb, cpu_shares, labels_json, drain, version)
        VALUES (@Name, @Engine, @TlsJson, @AdvertiseIp, @PortRangeStart, @PortRangeEnd, @MemoryMb, @CpuShares, @LabelsJson, @Drain, @Version)
        ON DUPLICATE KEY UPDATE
            engine = VALUES(engine), tls_json = VALUES(tls_json), advertise_ip = VALUES(advertise_ip),
            port_range_start = VALUES(port_range_start), port_range_end = VALUES(port_range_end),
            memory_mb = VALUES(memory_mb), cpu_shares = VALUES(cpu_shares), labels_json = VALUES(labels_json)
        """;

    /// <summary>DDL commits implicitly on MariaDB, so only a named lock keeps two migrating processes apart.</summary>
    protected override string? MigrationLockSql => $"SELECT GET_LOCK('{MigrationLockName}', 60)";

    /// <inheritdoc />
    protected override string? MigrationUnlockSql => $"SELECT RELEASE_LOCK('{MigrationLockName}')";

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };

    /// <inheritdoc />
    protected override bool IsForeignKeyViolation(DbException exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.NoReferencedRow2 or MySqlErrorCode.NoReferencedRow };

    /// <inheritdoc />
    protected override bool IsTransientConflict(DbException exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout };
}
