using System.Data.Common;
using Berth.Core.State;
using Dapper;

namespace Berth.State;

/// <summary>
/// <see cref="IStateStore"/> over any relational database with portable SQL and Dapper. A subclass supplies
/// connections, write transactions and the few dialect differences; the queries and their semantics live here.
/// </summary>
internal abstract partial class SqlStateStore(TimeProvider timeProvider) : IStateStore
{
    /// <summary>Opens a new connection with the session settings the store relies on.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction for a read-modify-write. Concurrent write transactions must wait for each other
    /// (or for the host row lock the reservation takes first) rather than fail.
    /// </summary>
    protected abstract Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>True when the statement broke a primary key or unique constraint.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>True when the statement referenced a row that does not exist.</summary>
    protected abstract bool IsForeignKeyViolation(DbException exception);

    /// <summary>
    /// True when the database gave up on the transaction because of a concurrent one (a deadlock or a
    /// serialization failure). A reservation that fails so is stale: the caller reads again and retries.
    /// </summary>
    protected virtual bool IsTransientConflict(DbException exception) => false;

    /// <summary>
    /// A session lock taken before migrating, so a second process migrating at the same time waits for the first;
    /// null when the write transaction already serializes them (SQLite's database lock).
    /// </summary>
    protected virtual string? MigrationLockSql => null;

    /// <summary>Releases what <see cref="MigrationLockSql"/> took.</summary>
    protected virtual string? MigrationUnlockSql => null;

    /// <summary>
    /// Inserts a host or updates all but its version, with parameters named after <c>Host</c>'s properties.
    /// The default <c>ON CONFLICT</c> form suits SQLite and PostgreSQL.
    /// </summary>
    protected virtual string UpsertHostSql =>
        """
        INSERT INTO hosts (name, engine, tls_json, advertise_ip, port_range_start, port_range_end, memory_mb, cpu_shares, labels_json, drain, version)
        VALUES (@Name, @Engine, @TlsJson, @AdvertiseIp, @PortRangeStart, @PortRangeEnd, @MemoryMb, @CpuShares, @LabelsJson, @Drain, @Version)
        ON CONFLICT (name) DO UPDATE SET
            engine = excluded.engine, tls_json = excluded.tls_json, advertise_ip = excluded.advertise_ip,
            port_range_start = excluded.port_range_start, port_range_end = excluded.port_range_end,
            memory_mb = excluded.memory_mb, cpu_shares = excluded.cpu_shares, labels_json = excluded.labels_json
        """;

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private async Task ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(Command(sql, parameters, cancellationToken));
    }

    private async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, cancellationToken));
    }

    private async Task<List<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(Command(sql, parameters, cancellationToken))).AsList();
    }

    /// <summary>
    /// <c>@name0, @name1, …</c> for an <c>IN (…)</c> with one parameter per value: Dapper would hand Npgsql a list as one
    /// array parameter, which <c>IN</c> does not take.
    /// </summary>
    private static string InList(string name, IEnumerable<string> values, out DynamicParameters parameters)
    {
        var added = new DynamicParameters();
        var names = values.Select((value, index) =>
        {
            added.Add($"{name}{index}", value);
            return $"@{name}{index}";
        }).ToList();
        parameters = added;
        return string.Join(", ", names);
    }

    /// <summary>Updates that found no row say so, so a caller never believes it changed something that is gone.</summary>
    private static void EnsureFound(int rows, string what)
    {
        if (rows == 0)
        {
            throw new KeyNotFoundException($"{what} does not exist");
        }
    }
}
