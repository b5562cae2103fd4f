using Berth.Core.State;
using Berth.State.MariaDb;

namespace Berth.State.Tests.MariaDb;

/// <summary>The contract tests on the real MariaDB server, a database of its own per test.</summary>
public sealed class MariaDbStateStoreTests : StateStoreContractTests
{
    private string? connectionString;

    protected override async Task<IStateStore> CreateStoreAsync(TimeProvider timeProvider)
    {
        connectionString = await MariaDbServer.CreateDatabaseAsync(Ct);
        return new MariaDbStateStore(connectionString, timeProvider);
    }

    protected override IStateStore OpenAgain(TimeProvider timeProvider) => new MariaDbStateStore(connectionString!, timeProvider);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (connectionString is not null)
        {
            await MariaDbServer.DropDatabaseAsync(connectionString);
        }
    }
}
