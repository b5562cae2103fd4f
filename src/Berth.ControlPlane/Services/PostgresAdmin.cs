using Berth.Core.Services;
using Npgsql;

namespace Berth.ControlPlane.Services;

/// <summary>
/// PostgreSQL as the <c>postgres</c> superuser. The service's database belongs to a role that cannot log in
/// (<c>{db}_owner</c>); each binding's role is a member that takes that role at login, so every binding owns the
/// same tables and no binding reaches another database.
/// </summary>
internal sealed class PostgresAdmin : IServiceAdmin
{
    public async Task PingAsync(ServiceAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, "postgres", cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task PrepareAsync(ServiceAddress address, ManagedService service, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, "postgres", cancellationToken);
        var owner = Owner(service);
        await AdminSql.ExecuteAsync(connection, $"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{owner}') THEN CREATE ROLE {owner} NOLOGIN; END IF; END$$", cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", service.DatabaseName);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            await AdminSql.ExecuteAsync(connection, $"CREATE DATABASE {service.DatabaseName} OWNER {owner}", cancellationToken);
            await AdminSql.ExecuteAsync(connection, $"REVOKE ALL ON DATABASE {service.DatabaseName} FROM PUBLIC", cancellationToken);
        }

        await using var database = await OpenAsync(address, service.DatabaseName, cancellationToken);
        await AdminSql.ExecuteAsync(database, $"ALTER SCHEMA public OWNER TO {owner}", cancellationToken);
    }

    public async Task CreateUserAsync(ServiceAddress address, ManagedService service, string user, string password, CancellationToken cancellationToken)
    {
        await DropUserAsync(address, service, user, cancellationToken);
        await using var connection = await OpenAsync(address, "postgres", cancellationToken);
        var owner = Owner(service);
        await AdminSql.ExecuteAsync(connection, $"CREATE ROLE {user} LOGIN PASSWORD '{password}' IN ROLE {owner}", cancellationToken);
        await AdminSql.ExecuteAsync(connection, $"ALTER ROLE {user} SET role = '{owner}'", cancellationToken);
        await AdminSql.ExecuteAsync(connection, $"GRANT CONNECT ON DATABASE {service.DatabaseName} TO {user}", cancellationToken);
    }

    public async Task DropUserAsync(ServiceAddress address, ManagedService service, string user, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, "postgres", cancellationToken);
        await AdminSql.ExecuteAsync(connection, $"DO $$BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{user}') THEN ALTER ROLE {user} NOLOGIN; END IF; END$$", cancellationToken);
        await AdminSql.ExecuteAsync(connection, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{user}'", cancellationToken);
        await AdminSql.ExecuteAsync(connection, $"DO $$BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{user}') THEN EXECUTE 'REVOKE ALL ON DATABASE {service.DatabaseName} FROM {user}'; DROP ROLE {user}; END IF; END$$", cancellationToken);
    }

    private static string Owner(ManagedService service) => $"{service.DatabaseName}_owner";

    private static Task<NpgsqlConnection> OpenAsync(ServiceAddress address, string database, CancellationToken cancellationToken)
    {
        // No pooling: each check must really reach the server, and a restarted server leaves pooled connections dead.
        return AdminSql.OpenAsync(new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = address.Host,
            Port = address.Port,
            Username = "postgres",
            Password = address.AdminPassword,
            Database = database,
            Pooling = false,
            Timeout = (int)ServiceAddress.Timeout.TotalSeconds,
            CommandTimeout = (int)ServiceAddress.Timeout.TotalSeconds,
        }.ConnectionString), cancellationToken);
    }
}
