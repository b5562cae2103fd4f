using Berth.Core.Security;
using Berth.Core.State;
using Berth.State.Migrations;
using Berth.State.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.State.Tests.Sqlite;

/// <summary>Upgrading a database made before API tokens had a table of their own.</summary>
public sealed class SqliteSecurityMigrationTests(SqliteTempDirectory directory) : IClassFixture<SqliteTempDirectory>
{
    [Fact]
    public async Task MigrateAsync_DatabaseAtVersionOne_AppliesEveryMissingVersionAndKeepsTenantTokens()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = directory.NewDatabasePath();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            await connection.ExecuteAsync(MigrationScripts.All.Single(m => m.Version == 1).Sql);
            await connection.ExecuteAsync(
                """
                CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at VARCHAR(40) NOT NULL);
                INSERT INTO schema_migrations VALUES (1, '2026-01-01T00:00:00.0000000Z');
                INSERT INTO tenants VALUES ('admin', 'aaaaaaaaaaaaaaaa-admin', 1, '2026-01-01T00:00:00.0000000Z');
                INSERT INTO tenants VALUES ('acme', 'bbbbbbbbbbbbbbbb-acme', 0, '2026-01-02T00:00:00.0000000Z');
                """);
        }

        using var store = new SqliteStateStore(path);
        await store.MigrateAsync(ct);

        ISecurityStore security = store;
        var admin = await security.FindTokenByHashAsync("aaaaaaaaaaaaaaaa-admin", ct);
        var acme = await security.FindTokenByHashAsync("bbbbbbbbbbbbbbbb-acme", ct);
        Assert.Equal(("admin", TokenScope.Admin, "aaaaaaaaaaaa", null), (admin?.Tenant, admin?.Scope, admin?.Id, admin?.RevokedAt));
        Assert.Equal(("acme", TokenScope.Tenant), (acme?.Tenant, acme?.Scope));
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        Assert.Equal(
            MigrationScripts.All.Select(m => (long)m.Version),
            await check.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"));
    }
}
