using System.Data.Common;
using Berth.Core.Hosts;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore : IProvisionedHostStore
{
    /// <inheritdoc />
    public async Task AddProvisionedHostAsync(ProvisionedHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            await ExecuteAsync("INSERT INTO provisioned_hosts (name, created_at) VALUES (@Name, @CreatedAt)", ProvisionedHostRow.From(host), cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"provisioned host '{host.Name}' is recorded already");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProvisionedHost>> ListProvisionedHostsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<ProvisionedHostRow>($"SELECT {ProvisionedHostRow.Columns} FROM provisioned_hosts ORDER BY name", null, cancellationToken))
        .ConvertAll(row => row.ToProvisionedHost());

    /// <inheritdoc />
    public async Task<bool> DeleteProvisionedHostAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command("DELETE FROM provisioned_hosts WHERE name = @name", new { name }, cancellationToken)) > 0;
    }
}
