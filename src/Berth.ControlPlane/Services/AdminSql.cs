using System.Data.Common;

namespace Berth.ControlPlane.Services;

/// <summary>What the SQL servers' admins share: opening an unpooled admin connection, running one statement.</summary>
internal static class AdminSql
{
    /// <summary>Opens <paramref name="connection"/>, disposing it when the server cannot be reached.</summary>
    public static async Task<T> OpenAsync<T>(T connection, CancellationToken cancellationToken)
        where T : DbConnection
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
