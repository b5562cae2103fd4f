using System.Data.Common;

namespace Berth.State.Tests;

/// <summary>
/// A database server a script of ours starts, where each test creates a database of its own and drops it afterwards,
/// so tests run in parallel without seeing each other's rows.
/// </summary>
/// <param name="adminConnectionString">Connects as a user that may create databases named <c>berth_*</c>.</param>
/// <param name="startScript">The script that starts the server, named when it cannot be reached.</param>
public abstract class DatabaseServer(string adminConnectionString, string startScript)
{
    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"berth_t_{Guid.NewGuid():N}";
        await ExecuteAsync(CreateDatabaseSql(name), cancellationToken);
        return WithDatabase(adminConnectionString, name);
    }

    /// <summary>Drops the database <paramref name="connectionString"/> names, closing what is still connected to it.</summary>
    public Task DropDatabaseAsync(string connectionString) => ExecuteAsync(DropDatabaseSql(DatabaseOf(connectionString)), CancellationToken.None);

    protected abstract DbConnection Connect(string connectionString);

    protected abstract string WithDatabase(string connectionString, string database);

    protected abstract string DatabaseOf(string connectionString);

    protected abstract string CreateDatabaseSql(string name);

    protected abstract string DropDatabaseSql(string name);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = Connect(adminConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw new InvalidOperationException($"the database server is not reachable ({e.Message}): run {startScript}", e);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
