using System.Data.Common;
using Berth.Core.Scaling;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore : IAutoscaleStore
{
    /// <inheritdoc />
    /// <remarks>Delete then insert in one transaction: the three databases spell an upsert three ways.</remarks>
    public async Task PutAutoscalePolicyAsync(AutoscalePolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var row = AutoscalePolicyRow.From(policy);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        await connection.ExecuteAsync(Command("DELETE FROM autoscale_policies WHERE app_id = @AppId", row, cancellationToken, transaction));
        try
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO autoscale_policies (app_id, min_instances, max_instances, metric, target, idle_seconds, updated_at) " +
                "VALUES (@AppId, @MinInstances, @MaxInstances, @Metric, @Target, @IdleSeconds, @UpdatedAt)",
                row,
                cancellationToken,
                transaction));
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"app '{policy.AppId}' does not exist");
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AutoscalePolicy?> GetAutoscalePolicyAsync(string appId, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<AutoscalePolicyRow>(
            $"SELECT {AutoscalePolicyRow.Columns} FROM autoscale_policies WHERE app_id = @appId", new { appId }, cancellationToken))?.ToPolicy();

    /// <inheritdoc />
    public async Task<bool> DeleteAutoscalePolicyAsync(string appId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command("DELETE FROM autoscale_policies WHERE app_id = @appId", new { appId }, cancellationToken)) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AutoscalePolicy>> ListAutoscalePoliciesAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<AutoscalePolicyRow>($"SELECT {AutoscalePolicyRow.Columns} FROM autoscale_policies ORDER BY app_id", null, cancellationToken))
        .ConvertAll(row => row.ToPolicy());
}
