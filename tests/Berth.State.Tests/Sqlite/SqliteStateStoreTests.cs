using Berth.Core.State;
using Berth.State.Migrations;
using Berth.State.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.State.Tests.Sqlite;

/// <summary>The contract tests on SQLite, a fresh file per test, plus what is particular to SQLite.</summary>
public sealed class SqliteStateStoreTests(SqliteTempDirectory directory) : StateStoreContractTests, IClassFixture<SqliteTempDirectory>
{
    private readonly string _databasePath = directory.NewDatabasePath();

    protected override Task<IStateStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IStateStore>(new SqliteStateStore(_databasePath, timeProvider));

    protected override IStateStore OpenAgain(TimeProvider timeProvider) => new SqliteStateStore(_databasePath, timeProvider);

    [Fact]
    public async Task MigrateAsync_RunTwice_RecordsEachMigrationOnce()
    {
        await Store.MigrateAsync(Ct);
        using var second = new SqliteStateStore(_databasePath);
        await second.MigrateAsync(Ct);

        Assert.Equal(
            [.. MigrationScripts.All.Select(migration => (long)migration.Version)],
            await QueryAsync("SELECT version FROM schema_migrations ORDER BY version", reader => reader.GetInt64(0)));
    }

    [Fact]
    public async Task MigrateAsync_NewFile_UsesWriteAheadLog() =>
        Assert.Equal(["wal"], await QueryAsync("PRAGMA journal_mode", reader => reader.GetString(0)));

    [Fact]
    public async Task MigrateAsync_MissingFolder_CreatesIt()
    {
        var path = Path.Combine(directory.Path, "nested", "berth.db");
        using var store = new SqliteStateStore(path);

        await store.MigrateAsync(Ct);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task AddSqliteStateStore_Resolved_IsOneSqliteStoreOverTheFile()
    {
        await using var provider = new ServiceCollection().AddSqliteStateStore(_databasePath).BuildServiceProvider();

        var store = provider.GetRequiredService<IStateStore>();

        Assert.IsType<SqliteStateStore>(store);
        Assert.Same(store, provider.GetRequiredService<IStateStore>());
        Assert.Empty(await store.ListTenantsAsync(Ct));
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = new SqliteConnection($"Data Source={_databasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
