using System.Data.Common;
using Berth.Core.Services;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    private const string SelectBindingSql = $"SELECT {ServiceBindingRow.Columns} FROM service_bindings";

    /// <inheritdoc />
    public async Task AddBindingAsync(ServiceBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        try
        {
            await ExecuteAsync(
                """
                INSERT INTO service_bindings (service_id, app_id, prefix, user_name, password, created_at)
                VALUES (@ServiceId, @AppId, @Prefix, @UserName, @Password, @CreatedAt)
                """,
                ServiceBindingRow.From(binding with { CreatedAt = Now }),
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"app '{binding.AppId}' is bound to service '{binding.ServiceId}' already, or has a binding named {binding.Prefix}");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ServiceBinding>> ListBindingsAsync(string? serviceId, string? appId, CancellationToken cancellationToken)
    {
        // Only the filters given: PostgreSQL cannot type a parameter that is only ever compared with NULL.
        var where = (serviceId, appId) switch
        {
            (not null, not null) => "WHERE service_id = @serviceId AND app_id = @appId",
            (not null, null) => "WHERE service_id = @serviceId",
            (null, not null) => "WHERE app_id = @appId",
            _ => "",
        };
        return (await QueryAsync<ServiceBindingRow>($"{SelectBindingSql} {where} ORDER BY created_at, app_id", new { serviceId, appId }, cancellationToken))
            .ConvertAll(row => row.ToBinding());
    }

    /// <inheritdoc />
    public async Task<bool> DeleteBindingAsync(string serviceId, string appId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(
            "DELETE FROM service_bindings WHERE service_id = @serviceId AND app_id = @appId", new { serviceId, appId }, cancellationToken)) > 0;
    }
}
