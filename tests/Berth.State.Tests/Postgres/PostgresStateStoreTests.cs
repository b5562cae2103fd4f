using Berth.Core.State;
using Berth.State.Postgres;

namespace Berth.State.Tests.Postgres;

/// <summary>The contract tests on the real PostgreSQL server, a database of its own per test.</summary>
public sealed class PostgresStateStoreTests : StateStoreContractTests
{
    private string? connectionString;

    protected override async Task<IStateStore> CreateStoreAsync(TimeProvider timeProvider)
    {
        connectionString = await PostgresServer.CreateDatabaseAsync(Ct);
        return new PostgresStateStore(connectionString, timeProvider);
    }

    protected override IStateStore OpenAgain(TimeProvider timeProvider) => new PostgresStateStore(connectionString!, timeProvider);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
