using Npgsql;

namespace Berth.State.Tests.Postgres;

/// <summary>
/// The PostgreSQL server scripts/start-postgres.sh runs, where tests create and drop databases of their own.
/// <c>BERTH_TEST_POSTGRES</c> overrides the connection string (it must name a database to connect to for that).
/// </summary>
public static class PostgresServer
{
    private static readonly string AdminConnectionString =
        Environment.GetEnvironmentVariable("BERTH_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=berth;Password=berth;Database=postgres";

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"berth_t_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name}", cancellationToken);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops the database, closing whatever connections are still open to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException($"PostgreSQL is not reachable ({e.Message}): run scripts/start-postgres.sh", e);
        }
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
