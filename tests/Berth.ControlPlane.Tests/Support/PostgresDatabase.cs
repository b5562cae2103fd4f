using Npgsql;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// A fresh database on the PostgreSQL server scripts/start-postgres.sh runs (<c>BERTH_TEST_POSTGRES</c> overrides the
/// connection string), dropped when disposed: the state several control planes of one test share.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private static readonly string Server =
        Environment.GetEnvironmentVariable("BERTH_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=berth;Password=berth;Database=postgres";

    private readonly string _name;

    private PostgresDatabase(string name) => _name = name;

    /// <summary>Connects to this database (for <c>BERTH_State__ConnectionString</c>).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ToString();

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase($"berth_t_{Guid.NewGuid():N}");
        await ExecuteAsync($"CREATE DATABASE {database._name}");
        return database;
    }

    /// <summary>
    /// The database turns every client away, as a stopped server does: new connections are refused and the open ones
    /// ended. The server itself keeps running, as other test classes share it.
    /// </summary>
    public Task RefuseConnectionsAsync() => ExecuteAsync(
        $"ALTER DATABASE {_name} ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_name}'");

    public Task AllowConnectionsAsync() => ExecuteAsync($"ALTER DATABASE {_name} ALLOW_CONNECTIONS true");

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        try
        {
            await connection.OpenAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"PostgreSQL is not reachable ({e.Message}): run scripts/start-postgres.sh", e);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
