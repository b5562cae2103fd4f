using Berth.State.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.State.Tests.Sqlite;

/// <summary>Branches add migrations out of order (0003 merged before 0002): the runner applies every version not yet recorded.</summary>
public sealed class SqliteGatewayMigrationTests(SqliteTempDirectory directory) : IClassFixture<SqliteTempDirectory>
{
    [Fact]
    public async Task MigrateAsync_HigherVersionAlreadyRecorded_StillAppliesLowerOnes()
    {
        var path = directory.NewDatabasePath();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at VARCHAR(40) NOT NULL);" +
                "INSERT INTO schema_migrations VALUES (9999, '2026-01-01T00:00:00.0000000Z');";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        using var store = new SqliteStateStore(path);
        await store.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await store.ListDomainsAsync(null, TestContext.Current.CancellationToken));
        Assert.Empty(await store.ListTenantsAsync(TestContext.Current.CancellationToken));
    }
}
