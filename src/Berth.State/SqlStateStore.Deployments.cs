using System.Data.Common;
using Berth.Core.Apps;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    private const string SelectDeploymentSql = $"SELECT {DeploymentRow.Columns} FROM deployments";

    /// <summary>Records a new deployment of an existing app.</summary>
    /// <exception cref="ConflictException">The id is taken.</exception>
    /// <exception cref="KeyNotFoundException">The app does not exist.</exception>
    public async Task CreateDeploymentAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                """
                INSERT INTO deployments (id, app_id, version, instances, strategy, state, reason, created_at, updated_at)
                VALUES (@Id, @AppId, @Version, @Instances, @Strategy, @State, @Reason, @CreatedAt, @UpdatedAt)
                """,
                DeploymentRow.From(deployment),
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"deployment '{deployment.Id}' already exists");
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"app '{deployment.AppId}' does not exist");
        }
    }

    /// <summary>Records a deployment's instances, state, reason and update time.</summary>
    /// <exception cref="KeyNotFoundException">The app has no deployment with that id.</exception>
    public async Task UpdateDeploymentAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(Command(
            """
            UPDATE deployments SET instances = @Instances, state = @State, reason = @Reason, updated_at = @UpdatedAt
            WHERE id = @Id AND app_id = @AppId
            """,
            DeploymentRow.From(deployment),
            cancellationToken));
        EnsureFound(rows, $"deployment '{deployment.Id}' of app '{deployment.AppId}'");
    }

    /// <inheritdoc />
    public async Task<Deployment?> GetDeploymentAsync(string appId, string deploymentId, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<DeploymentRow>(
            $"{SelectDeploymentSql} WHERE app_id = @appId AND id = @deploymentId", new { appId, deploymentId }, cancellationToken))
        ?.ToDeployment();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Deployment>> ListDeploymentsAsync(string appId, CancellationToken cancellationToken) =>
        (await QueryAsync<DeploymentRow>(
            $"{SelectDeploymentSql} WHERE app_id = @appId ORDER BY created_at DESC, id DESC", new { appId }, cancellationToken))
        .ConvertAll(row => row.ToDeployment());
}
