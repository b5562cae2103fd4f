using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Berth.State.Sqlite;

/// <summary>
/// The state store in one SQLite file, in WAL mode with foreign keys on. Write transactions begin with
/// <c>BEGIN IMMEDIATE</c>, so writers queue on the database lock (up to the busy timeout) instead of failing.
/// </summary>
internal sealed class SqliteStateStore : SqlStateStore, IDisposable
{
    private const int BusyTimeoutMilliseconds = 30_000;

    // Extended result codes from sqlite3.h.
    private const int ConstraintForeignKey = 787;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    private readonly string _databasePath;
    private readonly string _connectionString;
    private volatile bool _prepared;

    /// <summary>A store in the file at <paramref name="databasePath"/>, created when missing.</summary>
    public SqliteStateStore(string databasePath)
        : this(databasePath, TimeProvider.System)
    {
    }

    /// <summary>A store in the file at <paramref name="databasePath"/> that reads the time from <paramref name="timeProvider"/>.</summary>
    public SqliteStateStore(string databasePath, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _databasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
    }

    /// <summary>Closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_prepared)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecutePragmaAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}", cancellationToken);
            if (!_prepared)
            {
                // WAL lets readers go on while a reservation writes; the mode is stored in the file, so once is enough.
                await ExecutePragmaAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
                _prepared = true;
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    protected override Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };

    /// <inheritdoc />
    protected override bool IsForeignKeyViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: ConstraintForeignKey };

    private static async Task ExecutePragmaAsync(SqliteConnection connection, string pragma, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
