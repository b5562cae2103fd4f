using System.Data.Common;
using Berth.Core.Apps;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    private const string SelectAppSql = $"SELECT {AppRow.Columns} FROM apps";

    /// <inheritdoc />
    public async Task CreateAppAsync(App app, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                """
                INSERT INTO apps (id, tenant, image, port, memory_mb, cpu_shares, env_json, health_check_json, on_failure, drain_seconds,
                                  active_version, previous_version, instances, placement_json, created_at, read_only_root_filesystem,
                                  canary_version, canary_instances, project_json)
                VALUES (@Id, @Tenant, @Image, @Port, @MemoryMb, @CpuShares, @EnvJson, @HealthCheckJson, @OnFailure, @DrainSeconds,
                        @ActiveVersion, @PreviousVersion, @Instances, @PlacementJson, @CreatedAt, @ReadOnlyRootFilesystem,
                        @CanaryVersion, @CanaryInstances, @ProjectJson)
                """,
                AppRow.From(app),
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"app '{app.Id}' already exists");
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"tenant '{app.Tenant}' does not exist");
        }
    }

    /// <inheritdoc />
    public async Task<App?> GetAppAsync(string id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<AppRow>($"{SelectAppSql} WHERE id = @id", new { id }, cancellationToken))?.ToApp();

    /// <inheritdoc />
    public async Task<IReadOnlyList<App>> ListAppsAsync(string? tenant, CancellationToken cancellationToken)
    {
        var rows = tenant is null
            ? await QueryAsync<AppRow>($"{SelectAppSql} ORDER BY id", null, cancellationToken)
            : await QueryAsync<AppRow>($"{SelectAppSql} WHERE tenant = @tenant ORDER BY id", new { tenant }, cancellationToken);
        return rows.ConvertAll(row => row.ToApp());
    }

    /// <summary>Replaces the app's image, settings and wanted state; its id, tenant and creation time never change.</summary>
    /// <exception cref="KeyNotFoundException">No app has that id.</exception>
    public async Task UpdateAppAsync(App app, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(Command(
            """
            UPDATE apps SET image = @Image, port = @Port, memory_mb = @MemoryMb, cpu_shares = @CpuShares, env_json = @EnvJson,
                health_check_json = @HealthCheckJson, on_failure = @OnFailure, drain_seconds = @DrainSeconds,
                active_version = @ActiveVersion, previous_version = @PreviousVersion, instances = @Instances,
                placement_json = @PlacementJson, read_only_root_filesystem = @ReadOnlyRootFilesystem, deleting = @Deleting,
                canary_version = @CanaryVersion, canary_instances = @CanaryInstances, project_json = @ProjectJson
            WHERE id = @Id
            """,
            AppRow.From(app),
            cancellationToken));
        EnsureFound(rows, $"app '{app.Id}'");
    }

    /// <summary>Deletes the app with its deployments in one transaction; deleting a missing app does nothing.</summary>
    /// <exception cref="ConflictException">The app still holds instances.</exception>
    public async Task DeleteAppAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var instances = await connection.ExecuteScalarAsync<long>(
            Command("SELECT COUNT(*) FROM instances WHERE app_id = @id", new { id }, cancellationToken, transaction));
        if (instances > 0)
        {
            throw new ConflictException($"app '{id}' still has {instances} instance(s); release them first");
        }
        await connection.ExecuteAsync(Command("DELETE FROM deployments WHERE app_id = @id", new { id }, cancellationToken, transaction));
        await connection.ExecuteAsync(Command("DELETE FROM apps WHERE id = @id", new { id }, cancellationToken, transaction));
        await transaction.CommitAsync(cancellationToken);
    }
}
