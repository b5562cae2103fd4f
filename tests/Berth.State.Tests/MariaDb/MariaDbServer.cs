using System.Data.Common;
using MySqlConnector;

namespace Berth.State.Tests.MariaDb;

/// <summary>The MariaDB server scripts/start-mariadb.sh runs. <c>BERTH_TEST_MARIADB</c> overrides the connection string.</summary>
public sealed class MariaDbServer() : DatabaseServer(
    Environment.GetEnvironmentVariable("BERTH_TEST_MARIADB") ?? "Server=127.0.0.1;Port=3306;User ID=berth;Password=berth",
    "scripts/start-mariadb.sh")
{
    public static MariaDbServer Instance { get; } = new();

    protected override DbConnection Connect(string connectionString) => new MySqlConnection(connectionString);

    protected override string WithDatabase(string connectionString, string database) =>
        new MySqlConnectionStringBuilder(connectionString) { Database = database }.ToString();

    protected override string DatabaseOf(string connectionString) => new MySqlConnectionStringBuilder(connectionString).Database;

    protected override string CreateDatabaseSql(string name) => $"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";

    protected override string DropDatabaseSql(string name) => $"DROP DATABASE IF EXISTS {name}";
}
