using Berth.Core.State;

namespace Berth.State.Tests;

/// <summary>The contract tests on a real database server, in a database of their own per test.</summary>
public abstract class ServerStateStoreContractTests(DatabaseServer server) : StateStoreContractTests
{
    private string? _connectionString;

    /// <summary>The backend's store over the database <paramref name="connectionString"/> names.</summary>
    protected abstract IStateStore Open(string connectionString, TimeProvider timeProvider);

    protected override async Task<IStateStore> CreateStoreAsync(TimeProvider timeProvider)
    {
        _connectionString = await server.CreateDatabaseAsync(Ct);
        return Open(_connectionString, timeProvider);
    }

    protected override IStateStore OpenAgain(TimeProvider timeProvider) => Open(_connectionString!, timeProvider);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString is not null)
        {
            await server.DropDatabaseAsync(_connectionString);
        }
        GC.SuppressFinalize(this);
    }
}
