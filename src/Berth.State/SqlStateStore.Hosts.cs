using System.Data.Common;
using Berth.Core.Hosts;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    private const string SelectHostSql = $"SELECT {HostRow.Columns} FROM hosts";

    // Every instance holds one port, so the instance count is the ports in use; after a range change it may count a
    // port outside the new range, which only makes the scheduler more careful. So may a blocked port outside it.
    private const string SelectHostUsageSql =
        $"SELECT {HostRow.Columns}, reserved_memory_mb AS ReservedMemoryMb, reserved_cpu_shares AS ReservedCpuShares, instance_count AS PortsInUse, " +
        "(SELECT COUNT(*) FROM blocked_ports b WHERE b.host_name = hosts.name AND b.blocked_until > @now) AS PortsBlocked FROM hosts";

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

    /// <summary>Every host, by name, with the memory and CPU shares its instances reserve, the ports they hold and the ports blocked: one consistent read.</summary>
    public async Task<IReadOnlyList<HostUsage>> ListHostUsageAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<HostUsageRow>($"{SelectHostUsageSql} ORDER BY name", new { now = StoredTime.ToText(Now) }, cancellationToken))
        .ConvertAll(row => row.ToHostUsage());

    /// <inheritdoc />
    public async Task<IReadOnlyList<HostUsage>> ListHostUsageAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return [];
        }
        var list = InList("host", names, out var parameters);
        parameters.Add("now", StoredTime.ToText(Now));
        return (await QueryAsync<HostUsageRow>($"{SelectHostUsageSql} WHERE name IN ({list}) ORDER BY name", parameters, cancellationToken))
            .ConvertAll(row => row.ToHostUsage());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HostAppInstances>> CountInstancesAsync(IReadOnlyCollection<string> appIds, CancellationToken cancellationToken)
    {
        if (appIds.Count == 0)
        {
            return [];
        }
        var apps = InList("app", appIds, out var parameters);
        var rows = await QueryAsync<HostAppInstancesRow>(
            $"""
            SELECT host_name AS HostName, app_id AS AppId, version AS Version, COUNT(*) AS Count
            FROM instances WHERE app_id IN ({apps})
            GROUP BY host_name, app_id, version
            """,
            parameters,
            cancellationToken);
        return rows.ConvertAll(row => row.ToCount());
    }
}
