using Berth.Core.Services;
using MySqlConnector;

namespace Berth.ControlPlane.Services;

/// <summary>MariaDB as <c>root@'%'</c>: one database per service, one user per binding with every right on that database only.</summary>
internal sealed class MariadbAdmin : IServiceAdmin
{
    public async Task PingAsync(ServiceAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, cancellationToken);
        if (!await connection.PingAsync(cancellationToken))
        {
            throw new InvalidOperationException("MariaDB did not answer its ping");
        }
    }

    public async Task PrepareAsync(ServiceAddress address, ManagedService service, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, cancellationToken);
        await AdminSql.ExecuteAsync(connection, $"CREATE DATABASE IF NOT EXISTS `{service.DatabaseName}`", cancellationToken);
    }

    public async Task CreateUserAsync(ServiceAddress address, ManagedService service, string user, string password, CancellationToken cancellationToken)
    {
        await DropUserAsync(address, service, user, cancellationToken);
        await using var connection = await OpenAsync(address, cancellationToken);
        await AdminSql.ExecuteAsync(connection, $"CREATE USER '{user}'@'%' IDENTIFIED BY '{password}'", cancellationToken);
        await AdminSql.ExecuteAsync(connection, $"GRANT ALL PRIVILEGES ON `{service.DatabaseName}`.* TO '{user}'@'%'", cancellationToken);
    }

    public async Task DropUserAsync(ServiceAddress address, ManagedService service, string user, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(address, cancellationToken);
        await AdminSql.ExecuteAsync(connection, $"DROP USER IF EXISTS '{user}'@'%'", cancellationToken);
        // Dropping a user leaves its open sessions running: end them too.
        var sessions = new List<long>();
        await using (var list = new MySqlCommand("SELECT id FROM information_schema.processlist WHERE user = @user", connection))
        {
            list.Parameters.AddWithValue("user", user);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sessions.Add(reader.GetInt64(0));
            }
        }

        foreach (var session in sessions)
        {
            try
            {
                await AdminSql.ExecuteAsync(connection, $"KILL {session}", cancellationToken);
            }
            catch (MySqlException)
            {
                // It ended by itself meanwhile.
            }
        }
    }

    private static Task<MySqlConnection> OpenAsync(ServiceAddress address, CancellationToken cancellationToken)
    {
        return AdminSql.OpenAsync(new MySqlConnection(new MySqlConnectionStringBuilder
        {
            Server = address.Host,
            Port = (uint)address.Port,
            UserID = "root",
            Password = address.AdminPassword,
            Pooling = false,
            ConnectionTimeout = (uint)ServiceAddress.Timeout.TotalSeconds,
            DefaultCommandTimeout = (uint)ServiceAddress.Timeout.TotalSeconds,
        }.ConnectionString), cancellationToken);
    }
}
