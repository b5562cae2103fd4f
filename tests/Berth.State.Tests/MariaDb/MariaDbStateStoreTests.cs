using Berth.Core.State;
using Berth.State.MariaDb;

namespace Berth.State.Tests.MariaDb;

/// <summary>The contract tests on the real MariaDB server.</summary>
public sealed class MariaDbStateStoreTests() : ServerStateStoreContractTests(MariaDbServer.Instance)
{
    protected override IStateStore Open(string connectionString, TimeProvider timeProvider) => new MariaDbStateStore(connectionString, timeProvider);
}
