using System.Data;
using System.Data.Common;

namespace Berth.State;

/// <summary>
/// The state store on a database server reached through an ADO.NET data source (PostgreSQL, MariaDB). Write
/// transactions run at READ COMMITTED: a reservation's conditional <c>UPDATE</c> of a host row takes the row lock, so
/// a concurrent one waits and then finds the version moved, and reads after it see what others committed meanwhile.
/// </summary>
internal abstract class ServerStateStore(DbDataSource dataSource, TimeProvider timeProvider) : SqlStateStore(timeProvider), IDisposable
{
    /// <summary>Closes the pooled connections.</summary>
    public void Dispose()
    {
        dataSource.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
}
