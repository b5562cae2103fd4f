using System.Data.Common;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore : IHostStatusStore
{
    /// <inheritdoc />
    public async Task MarkHostDownAsync(string hostName, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                "INSERT INTO host_status (host_name, down_since) VALUES (@hostName, @since)",
                new { hostName, since = StoredTime.ToText(since) },
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            // Down already: the first time it went down is the one that counts.
        }
    }

    /// <inheritdoc />
    public async Task<bool> MarkHostUpAsync(string hostName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(
            "DELETE FROM host_status WHERE host_name = @hostName", new { hostName }, cancellationToken)) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ListDownHostsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<HostStatusRow>("SELECT host_name AS HostName, down_since AS DownSince FROM host_status", null, cancellationToken))
        .ToDictionary(row => row.HostName, row => StoredTime.Parse(row.DownSince));
}
