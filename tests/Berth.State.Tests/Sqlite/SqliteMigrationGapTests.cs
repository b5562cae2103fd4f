using Berth.State.Migrations;
using Berth.State.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.State.Tests.Sqlite;

/// <summary>Branches add migrations out of order (0004 may ship before 0002): the runner applies whatever is missing.</summary>
public sealed class SqliteMigrationGapTests(SqliteTempDirectory directory) : IClassFixture<SqliteTempDirectory>
{
    [Fact]
    public async Task MigrateAsync_HigherVersionAlreadyApplied_AppliesEveryMissingLowerOne()
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

        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        Assert.Equal(MigrationScripts.All.Count + 1L, (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        Assert.Empty(await store.ListEventsAsync("any", 0, 10, TestContext.Current.CancellationToken));
        Assert.Empty(await store.ListDomainsAsync(null, TestContext.Current.CancellationToken));
        Assert.Empty(await store.ListTenantsAsync(TestContext.Current.CancellationToken));
    }
}
