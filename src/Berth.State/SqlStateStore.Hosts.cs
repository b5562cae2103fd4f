using System.Data.Common;
using Berth.Core.Hosts;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

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
    public async Task CreateHostAsync(Host host, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                """
                INSERT INTO hosts (name, engine, tls_json, advertise_ip, port_range_start, port_range_end, memory_mb, cpu_shares, labels_json, drain, version)
                VALUES (@Name, @Engine, @TlsJson, @AdvertiseIp, @PortRangeStart, @PortRangeEnd, @MemoryMb, @CpuShares, @LabelsJson, @Drain, @Version)
                """,
                HostRow.From(host),
                cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"host '{host.Name}' already exists");
        }
    }

    /// <summary>Writes labels and drain at the expected version and returns the host as stored, with its new version.</summary>
    /// <exception cref="StaleHostException">The host changed since <paramref name="host"/> was read.</exception>
    /// <exception cref="KeyNotFoundException">No host has that name.</exception>
    public async Task<Host> UpdateHostAsync(Host host, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(Command(
            "UPDATE hosts SET labels_json = @LabelsJson, drain = @Drain, version = version + 1 WHERE name = @Name AND version = @Version",
            HostRow.From(host),
            cancellationToken));
        if (rows == 0)
        {
            throw await GetHostAsync(host.Name, cancellationToken) is null
                ? new KeyNotFoundException($"host '{host.Name}' does not exist")
                : new StaleHostException(host.Name);
        }
        return host with { Version = host.Version + 1 };
    }

    /// <summary>Deletes the host in one transaction with the check that no instance holds it; a missing host is not an error.</summary>
    /// <exception cref="ConflictException">Instances are still on the host.</exception>
    public async Task DeleteHostAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        // Taking the host's row first makes a concurrent reservation on it wait, or find it gone.
        await connection.ExecuteAsync(Command("UPDATE hosts SET version = version + 1 WHERE name = @name", new { name }, cancellationToken, transaction));
        var instances = await connection.ExecuteScalarAsync<long>(
            Command("SELECT COUNT(*) FROM instances WHERE host_name = @name", new { name }, cancellationToken, transaction));
        if (instances > 0)
        {
            throw new ConflictException($"host '{name}' still holds {instances} instance(s)");
        }
        await connection.ExecuteAsync(Command("DELETE FROM hosts WHERE name = @name", new { name }, cancellationToken, transaction));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Host?> GetHostAsync(string name, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<HostRow>($"{SelectHostSql} WHERE name = @name", new { name }, cancellationToken))?.ToHost();

    /// <summary>Every host, by name, with the memory and CPU shares its instances reserve and the ports they hold.</summary>
    public async Task<IReadOnlyList<HostUsage>> ListHostUsageAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<HostUsageRow>(ListHostUsageSql, null, cancellationToken)).ConvertAll(row => row.ToHostUsage());

    /// <inheritdoc />
    public async Task<IReadOnlyList<HostAppInstances>> CountInstancesAsync(IReadOnlyCollection<string> appIds, CancellationToken cancellationToken)
    {
        if (appIds.Count == 0)
        {
            return [];
        }
        // One parameter per id: Dapper would hand Npgsql the list as one array parameter, which IN does not take.
        var parameters = new DynamicParameters();
        var names = appIds.Select((id, index) =>
        {
            parameters.Add($"app{index}", id);
            return $"@app{index}";
        }).ToList();
        var rows = await QueryAsync<HostAppInstancesRow>(
            $"""
            SELECT host_name AS HostName, app_id AS AppId, version AS Version, COUNT(*) AS Count
            FROM instances WHERE app_id IN ({string.Join(", ", names)})
            GROUP BY host_name, app_id, version
            """,
            parameters,
            cancellationToken);
        return rows.ConvertAll(row => row.ToCount());
    }
}
