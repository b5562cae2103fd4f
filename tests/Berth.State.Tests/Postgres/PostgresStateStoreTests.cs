using Berth.Core.State;
using Berth.State.Postgres;

namespace Berth.State.Tests.Postgres;

/// <summary>The contract tests on the real PostgreSQL server.</summary>
public sealed class PostgresStateStoreTests() : ServerStateStoreContractTests(PostgresServer.Instance)
{
    protected override IStateStore Open(string connectionString, TimeProvider timeProvider) => new PostgresStateStore(connectionString, timeProvider);
}
