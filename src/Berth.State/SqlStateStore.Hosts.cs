using Berth.Core.Hosts;
using Berth.State.Rows;

namespace Berth.State;

public abstract partial class SqlStateStore
{
    private const string SelectHostSql = $"SELECT {HostRow.Columns} FROM hosts";

    // One statement, so the sums are a consistent snapshot. Only ports inside the host's current range count as
    // in use, so FreePorts stays right after the range changed.
    private const string ListHostUsageSql =
        $"""
        SELECT {HostRow.Columns},
            COALESCE(u.reserved_memory, 0) AS ReservedMemoryMb,
            COALESCE(u.reserved_cpu, 0) AS ReservedCpuShares,
            COALESCE(u.ports_in_use, 0) AS PortsInUse
        FROM hosts
        LEFT JOIN (
            SELECT i.host_name,
                SUM(i.memory_mb) AS reserved_memory,
                SUM(i.cpu_shares) AS reserved_cpu,
                SUM(CASE WHEN i.host_port BETWEEN r.port_range_start AND r.port_range_end THEN 1 ELSE 0 END) AS ports_in_use
            FROM instances i
            JOIN hosts r ON r.name = i.host_name
            GROUP BY i.host_name
        ) u ON u.host_name = hosts.name
        ORDER BY hosts.name
        """;

    /// <inheritdoc />
    public async Task UpsertHostAsync(Host host, CancellationToken cancellationToken) =>
        await ExecuteAsync(UpsertHostSql, HostRow.From(host), cancellationToken);

    /// <inheritdoc />
    public async Task<Host?> GetHostAsync(string name, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<HostRow>($"{SelectHostSql} WHERE name = @name", new { name }, cancellationToken))?.ToHost();

    /// <summary>Every host, by name, with the memory and CPU shares its instances reserve and the ports they hold.</summary>
    public async Task<IReadOnlyList<HostUsage>> ListHostUsageAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<HostUsageRow>(ListHostUsageSql, null, cancellationToken)).ConvertAll(row => row.ToHostUsage());
}
