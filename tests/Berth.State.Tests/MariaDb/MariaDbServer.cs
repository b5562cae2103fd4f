using MySqlConnector;

namespace Berth.State.Tests.MariaDb;

/// <summary>
/// The MariaDB server scripts/start-mariadb.sh runs, where tests create and drop databases named <c>berth_*</c>.
/// <c>BERTH_TEST_MARIADB</c> overrides the connection string.
/// </summary>
public static class MariaDbServer
{
    private static readonly string AdminConnectionString =
        Environment.GetEnvironmentVariable("BERTH_TEST_MARIADB") ?? "Server=127.0.0.1;Port=3306;User ID=berth;Password=berth";

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"berth_t_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", cancellationToken);
        return new MySqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops the database.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new MySqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name}", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(AdminConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (MySqlException e)
        {
            throw new InvalidOperationException($"MariaDB is not reachable ({e.Message}): run scripts/start-mariadb.sh", e);
        }
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
