using System.Data.Common;
using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    private const string SelectInstanceSql = $"SELECT {InstanceRow.Columns} FROM instances";

    /// <summary>
    /// In one transaction: claims the host at the expected version, checks memory and CPU shares, takes the lowest
    /// free port of the host's range (neither held by an instance nor blocked) and inserts the instance as reserved. On any failure nothing changes.
    /// </summary>
    /// <exception cref="StaleHostException">The host's version moved on since the placement read it.</exception>
    /// <exception cref="InsufficientCapacityException">The host lacks the memory or CPU shares asked for.</exception>
    /// <exception cref="PortRangeExhaustedException">Every port of the host's range is held.</exception>
    /// <exception cref="KeyNotFoundException">The host or the app does not exist.</exception>
    /// <exception cref="ConflictException">The instance id is taken.</exception>
    public async Task<Instance> ReserveInstanceAsync(InstanceReservation reservation, CancellationToken cancellationToken) =>
        (await ReserveInstancesAsync([reservation], cancellationToken))[0];

    /// <summary>
    /// Commits a plan in one transaction of four round trips, whatever its size: one conditional <c>UPDATE</c> per host
    /// (in name order) that claims it at the expected version and adds the plan's memory, CPU shares and instances only
    /// if they fit; one read of the hosts' ranges and used ports; one multi-row insert; the commit. All or nothing.
    /// Returns the instances in the order of <paramref name="reservations"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Two reservations on one host expect different versions.</exception>
    /// <inheritdoc cref="ReserveInstanceAsync" path="/exception"/>
    public async Task<IReadOnlyList<Instance>> ReserveInstancesAsync(IReadOnlyList<InstanceReservation> reservations, CancellationToken cancellationToken)
    {
        if (reservations.Count == 0)
        {
            return [];
        }

        // Name order: two plans over the same hosts lock them in the same order, so they queue rather than deadlock.
        var claims = reservations.GroupBy(r => r.HostName, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(HostClaim.Of)
            .ToList();
        List<Instance> instances;
        await using (var connection = await OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
            try
            {
                var claimed = await connection.ExecuteAsync(Command(HostClaim.Sql(claims), HostClaim.Parameters(claims), cancellationToken, transaction));
                if (claimed != claims.Count)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    throw await WhyNotClaimedAsync(claims, cancellationToken);
                }

                instances = await AssignPortsAsync(connection, transaction, claims, cancellationToken);
                await InsertInstancesAsync(connection, transaction, instances, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbException e) when (IsTransientConflict(e))
            {
                throw new StaleHostException(claims[0].HostName);
            }
        }

        var byId = instances.ToDictionary(i => i.Id, StringComparer.Ordinal);
        return [.. reservations.Select(r => byId[r.InstanceId])];
    }

    /// <summary>A claim that changed no row failed for one of three reasons; a fresh read tells which (best effort: the hosts may move on).</summary>
    private async Task<Exception> WhyNotClaimedAsync(List<HostClaim> claims, CancellationToken cancellationToken)
    {
        var usage = (await ListHostUsageAsync([.. claims.Select(c => c.HostName)], cancellationToken)).ToDictionary(u => u.Host.Name, StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            if (!usage.TryGetValue(claim.HostName, out var host))
            {
                return new KeyNotFoundException($"host '{claim.HostName}' does not exist");
            }
            if (host.Host.Version != claim.ExpectedVersion)
            {
                return new StaleHostException(claim.HostName);
            }
            if (host.FreeMemoryMb < claim.MemoryMb)
            {
                return new InsufficientCapacityException($"host {claim.HostName} has {host.FreeMemoryMb} MB of memory free, {claim.MemoryMb} asked");
            }
            if (host.FreeCpuShares < claim.CpuShares)
            {
                return new InsufficientCapacityException($"host {claim.HostName} has {host.FreeCpuShares} CPU shares free, {claim.CpuShares} asked");
            }
        }
        return new StaleHostException(claims[0].HostName);
    }

    private async Task<List<Instance>> AssignPortsAsync(
        DbConnection connection, DbTransaction transaction, List<HostClaim> claims, CancellationToken cancellationToken)
    {
        var hosts = await ReadPortsAsync(connection, transaction, claims.Select(c => c.HostName), cancellationToken);
        var now = Now;
        var instances = new List<Instance>();
        foreach (var claim in claims)
        {
            var (host, taken) = hosts[claim.HostName];
            var ports = LowestFreePorts(host.PortRangeStart, host.PortRangeEnd, taken, claim.Reservations.Count);
            if (ports.Count < claim.Reservations.Count)
            {
                throw new PortRangeExhaustedException(host.Name, host.PortRangeStart, host.PortRangeEnd);
            }
            instances.AddRange(claim.Reservations.Select((reservation, index) => new Instance
            {
                Id = reservation.InstanceId,
                AppId = reservation.AppId,
                Version = reservation.Version,
                DeploymentId = reservation.DeploymentId,
                HostName = host.Name,
                HostIp = host.AdvertiseIp,
                HostPort = ports[index],
                MemoryMb = reservation.MemoryMb,
                CpuShares = reservation.CpuShares,
                State = InstanceState.Reserved,
                Health = InstanceHealth.Unknown,
                CreatedAt = now,
                UpdatedAt = now,
            }));
        }
        return instances;
    }

    /// <summary>
    /// The hosts with the ports taken on each, ascending: held by an instance or a service, or covered by a block now. One round trip,
    /// inside the caller's transaction, after it took the hosts' rows.
    /// </summary>
    private async Task<Dictionary<string, (Host Host, List<int> Taken)>> ReadPortsAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<string> hostNames, CancellationToken cancellationToken)
    {
        var names = InList("host", hostNames, out var parameters);
        parameters.Add("now", StoredTime.ToText(Now));
        using var read = await connection.QueryMultipleAsync(Command(
            $"""
            SELECT {HostRow.Columns} FROM hosts WHERE name IN ({names});
            SELECT host_name AS HostName, host_port AS HostPort FROM instances WHERE host_name IN ({names})
            UNION ALL SELECT host_name, host_port FROM services WHERE host_name IN ({names});
            SELECT host_name AS HostName, host_port AS HostPort FROM blocked_ports WHERE host_name IN ({names}) AND blocked_until > @now;
            """,
            parameters,
            cancellationToken,
            transaction));
        var hosts = (await read.ReadAsync<HostRow>()).Select(h => h.ToHost()).ToList();
        var taken = (await read.ReadAsync<UsedPortRow>()).Concat(await read.ReadAsync<UsedPortRow>())
            .ToLookup(p => p.HostName, p => p.HostPort, StringComparer.Ordinal);
        return hosts.ToDictionary(h => h.Name, h => (h, taken[h.Name].Distinct().Order().ToList()), StringComparer.Ordinal);
    }

    private async Task InsertInstancesAsync(DbConnection connection, DbTransaction transaction, List<Instance> instances, CancellationToken cancellationToken)
    {
        // Many rows per statement, in chunks that stay far below every database's limit on parameters.
        foreach (var chunk in instances.Chunk(500))
        {
            var parameters = new DynamicParameters();
            var rows = chunk.Select((instance, i) =>
            {
                parameters.AddDynamicParams(InstanceRow.From(instance).Numbered(i));
                return InstanceRow.ValuesFor(i);
            });
            var sql = $"INSERT INTO instances ({InstanceRow.InsertColumns}) VALUES {string.Join(", ", rows)}";
            try
            {
                await connection.ExecuteAsync(Command(sql, parameters, cancellationToken, transaction));
            }
            catch (DbException e) when (IsUniqueViolation(e))
            {
                throw new ConflictException($"instance '{string.Join("', '", chunk.Select(i => i.Id))}' already exists");
            }
            catch (DbException e) when (IsForeignKeyViolation(e))
            {
                throw new KeyNotFoundException($"app '{string.Join("', '", chunk.Select(i => i.AppId).Distinct())}' does not exist");
            }
        }
    }

    /// <summary>Records the container id, state, health and restart bookkeeping of an instance, stamped with the current time.</summary>
    /// <exception cref="KeyNotFoundException">No instance has that id, for instance because it was released.</exception>
    public async Task UpdateInstanceAsync(Instance instance, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(Command(
            "UPDATE instances SET container_id = @ContainerId, state = @State, health = @Health, updated_at = @UpdatedAt, " +
            "restart_count = @RestartCount, last_restart_at = @LastRestartAt, next_restart_at = @NextRestartAt, unhealthy_since = @UnhealthySince WHERE id = @Id",
            InstanceRow.From(instance with { UpdatedAt = Now }),
            cancellationToken));
        EnsureFound(rows, $"instance '{instance.Id}'");
    }

    /// <summary>
    /// Deletes the instance and takes what it held off its host's row, in one transaction, which frees its port and
    /// resources; releasing a missing instance does nothing. The host's version does not move: a release only makes
    /// room, so placements read before it stay valid.
    /// </summary>
    public async Task ReleaseInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var instance = await connection.QuerySingleOrDefaultAsync<InstanceRow>(
            Command($"{SelectInstanceSql} WHERE id = @instanceId", new { instanceId }, cancellationToken, transaction));
        if (instance is null)
        {
            return;
        }

        // The host row first, as reservations take it, so the two never wait on each other in opposite orders.
        await connection.ExecuteAsync(Command(
            """
            UPDATE hosts SET reserved_memory_mb = reserved_memory_mb - @MemoryMb, reserved_cpu_shares = reserved_cpu_shares - @CpuShares,
                instance_count = instance_count - 1
            WHERE name = @HostName
            """,
            new { instance.MemoryMb, instance.CpuShares, instance.HostName },
            cancellationToken,
            transaction));
        var deleted = await connection.ExecuteAsync(Command("DELETE FROM instances WHERE id = @instanceId", new { instanceId }, cancellationToken, transaction));
        if (deleted == 1)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<Instance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<InstanceRow>($"{SelectInstanceSql} WHERE id = @instanceId", new { instanceId }, cancellationToken))
        ?.ToInstance();

    /// <summary>All instances, or an app's, oldest first.</summary>
    public async Task<IReadOnlyList<Instance>> ListInstancesAsync(string? appId, CancellationToken cancellationToken)
    {
        var rows = appId is null
            ? await QueryAsync<InstanceRow>($"{SelectInstanceSql} ORDER BY created_at, id", null, cancellationToken)
            : await QueryAsync<InstanceRow>($"{SelectInstanceSql} WHERE app_id = @appId ORDER BY created_at, id", new { appId }, cancellationToken);
        return rows.ConvertAll(row => row.ToInstance());
    }

    /// <summary>The <paramref name="count"/> lowest ports of the range not in <paramref name="usedPortsAscending"/>, or fewer when the range runs out.</summary>
    private static List<int> LowestFreePorts(int start, int end, IEnumerable<int> usedPortsAscending, int count)
    {
        var free = new List<int>(count);
        var port = start;
        using var used = usedPortsAscending.GetEnumerator();
        var nextUsed = NextInRange();
        while (free.Count < count && port <= end)
        {
            if (port == nextUsed)
            {
                nextUsed = NextInRange();
                port++;
                continue;
            }
            free.Add(port++);
        }
        return free;

        // Ports below the range (left from an older range) are skipped; past the end nothing is free anyway.
        int NextInRange()
        {
            while (used.MoveNext())
            {
                if (used.Current >= start)
                {
                    return used.Current;
                }
            }
            return int.MaxValue;
        }
    }
}
