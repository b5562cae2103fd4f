using System.Data.Common;
using Npgsql;

namespace Berth.State.Tests.Postgres;

/// <summary>
/// The PostgreSQL server scripts/start-postgres.sh runs. <c>BERTH_TEST_POSTGRES</c> overrides the connection string
/// (it must name a database to connect to for creating the others).
/// </summary>
public sealed class PostgresServer() : DatabaseServer(
    Environment.GetEnvironmentVariable("BERTH_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=berth;Password=berth;Database=postgres",
    "scripts/start-postgres.sh")
{
    public static PostgresServer Instance { get; } = new();

    protected override DbConnection Connect(string connectionString) => new NpgsqlConnection(connectionString);

    protected override string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ToString();

    protected override string DatabaseOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    protected override string CreateDatabaseSql(string name) => $"CREATE DATABASE {name}";

    protected override string DropDatabaseSql(string name) => $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
}
