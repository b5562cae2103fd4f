using Berth.Core.State;

namespace Berth.State.Tests;

/// <summary>The contract tests on a real database server, in a database of their own per test.</summary>
public abstract class ServerStateStoreContractTests(DatabaseServer server) : StateStoreContractTests
{
    private string? connectionString;

    /// <summary>The backend's store over the database <paramref name="connectionString"/> names.</summary>
    protected abstract IStateStore Open(string connectionString, TimeProvider timeProvider);

    protected override async Task<IStateStore> CreateStoreAsync(TimeProvider timeProvider)
    {
        connectionString = await server.CreateDatabaseAsync(Ct);
        return Open(connectionString, timeProvider);
    }

    protected override IStateStore OpenAgain(TimeProvider timeProvider) => Open(connectionString!, timeProvider);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (connectionString is not null)
        {
            await server.DropDatabaseAsync(connectionString);
        }
        GC.SuppressFinalize(this);
    }
}
