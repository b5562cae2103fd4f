using System.Data.Common;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

public abstract partial class SqlStateStore
{
    private const string SelectInstanceSql = $"SELECT {InstanceRow.Columns} FROM instances";

    /// <summary>
    /// In one transaction: claims the host at the expected version, checks memory and CPU shares, takes the lowest
    /// free port of the host's range and inserts the instance as reserved. On any failure nothing changes.
    /// </summary>
    /// <exception cref="StaleHostException">The host's version moved on since the placement read it.</exception>
    /// <exception cref="InsufficientCapacityException">The host lacks the memory or CPU shares asked for.</exception>
    /// <exception cref="PortRangeExhaustedException">Every port of the host's range is held.</exception>
    /// <exception cref="KeyNotFoundException">The host or the app does not exist.</exception>
    /// <exception cref="ConflictException">The instance id is taken.</exception>
    public async Task<Instance> ReserveInstanceAsync(InstanceReservation reservation, CancellationToken cancellationToken) =>
        (await ReserveInstancesAsync([reservation], cancellationToken))[0];

    /// <summary>
    /// Commits a plan in one transaction: per host, in name order, claims it at the expected version, checks that
    /// the plan's instances fit beside what it holds, and gives them its lowest free ports. All or nothing.
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

        // Hosts in name order: two plans over the same hosts lock them in the same order, so they queue rather than deadlock.
        var byHost = reservations.GroupBy(r => r.HostName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var reserved = new Dictionary<string, Instance>(StringComparer.Ordinal);
        var hostName = byHost[0].Key;
        try
        {
            foreach (var group in byHost)
            {
                hostName = group.Key;
                foreach (var instance in await ReserveOnHostAsync(connection, transaction, group.ToList(), cancellationToken))
                {
                    reserved[instance.Id] = instance;
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException e) when (IsTransientConflict(e))
        {
            throw new StaleHostException(hostName);
        }
        return reservations.Select(r => reserved[r.InstanceId]).ToList();
    }

    private async Task<List<Instance>> ReserveOnHostAsync(
        DbConnection connection, DbTransaction transaction, List<InstanceReservation> reservations, CancellationToken cancellationToken)
    {
        var first = reservations[0];
        if (reservations.Any(r => r.ExpectedHostVersion != first.ExpectedHostVersion))
        {
            throw new ArgumentException($"the reservations on host {first.HostName} expect different versions of it", nameof(reservations));
        }

        // Bumping the version first is the version check and, on databases with row locks, the lock that makes a
        // concurrent reservation on this host wait and then find the version changed. A rollback undoes it.
        var claimed = await connection.ExecuteAsync(Command(
            "UPDATE hosts SET version = version + 1 WHERE name = @HostName AND version = @ExpectedHostVersion",
            new { first.HostName, first.ExpectedHostVersion },
            cancellationToken,
            transaction));
        var host = (await connection.QuerySingleOrDefaultAsync<HostRow>(Command(
            $"{SelectHostSql} WHERE name = @HostName", new { first.HostName }, cancellationToken, transaction)))?.ToHost()
            ?? throw new KeyNotFoundException($"host '{first.HostName}' does not exist");
        if (claimed == 0)
        {
            throw new StaleHostException(host.Name);
        }

        var held = await connection.QuerySingleAsync<ReservedResources>(Command(
            """
            SELECT COALESCE(SUM(memory_mb), 0) AS MemoryMb, COALESCE(SUM(cpu_shares), 0) AS CpuShares
            FROM instances WHERE host_name = @HostName
            """,
            new { first.HostName },
            cancellationToken,
            transaction));
        EnsureCapacity(host.Name, "MB of memory", host.MemoryMb - held.MemoryMb, reservations.Sum(r => (long)r.MemoryMb));
        EnsureCapacity(host.Name, "CPU shares", host.CpuShares - held.CpuShares, reservations.Sum(r => (long)r.CpuShares));

        var usedPorts = await connection.QueryAsync<long>(Command(
            """
            SELECT host_port FROM instances
            WHERE host_name = @Name AND host_port BETWEEN @PortRangeStart AND @PortRangeEnd
            ORDER BY host_port
            """,
            new { host.Name, host.PortRangeStart, host.PortRangeEnd },
            cancellationToken,
            transaction));
        var ports = LowestFreePorts(host.PortRangeStart, host.PortRangeEnd, usedPorts, reservations.Count);
        if (ports.Count < reservations.Count)
        {
            throw new PortRangeExhaustedException(host.Name, host.PortRangeStart, host.PortRangeEnd);
        }

        var now = Now;
        var instances = reservations.Select((reservation, index) => new Instance
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
        }).ToList();
        try
        {
            await connection.ExecuteAsync(Command(
                """
                INSERT INTO instances (id, app_id, version, deployment_id, host_name, host_ip, host_port, memory_mb, cpu_shares,
                                       container_id, state, health, created_at, updated_at)
                VALUES (@Id, @AppId, @Version, @DeploymentId, @HostName, @HostIp, @HostPort, @MemoryMb, @CpuShares,
                        @ContainerId, @State, @Health, @CreatedAt, @UpdatedAt)
                """,
                instances.ConvertAll(InstanceRow.From),
                cancellationToken,
                transaction));
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"instance '{string.Join("', '", instances.Select(i => i.Id))}' already exists");
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"app '{string.Join("', '", instances.Select(i => i.AppId).Distinct())}' does not exist");
        }
        return instances;
    }

    /// <summary>Records the container id, state and health of an instance, stamped with the current time.</summary>
    /// <exception cref="KeyNotFoundException">No instance has that id, for instance because it was released.</exception>
    public async Task UpdateInstanceAsync(Instance instance, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(Command(
            "UPDATE instances SET container_id = @ContainerId, state = @State, health = @Health, updated_at = @UpdatedAt WHERE id = @Id",
            InstanceRow.From(instance with { UpdatedAt = Now }),
            cancellationToken));
        EnsureFound(rows, $"instance '{instance.Id}'");
    }

    /// <summary>Deletes the instance, which frees its port and resources; releasing a missing instance does nothing.</summary>
    public async Task ReleaseInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM instances WHERE id = @instanceId", new { instanceId }, cancellationToken);

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

    private static void EnsureCapacity(string host, string unit, long free, long asked)
    {
        if (asked > free)
        {
            throw new InsufficientCapacityException($"host {host} has {free} {unit} free, {asked} asked");
        }
    }

    /// <summary>The <paramref name="count"/> lowest ports of the range not in <paramref name="usedPortsAscending"/>, or fewer when the range runs out.</summary>
    private static List<int> LowestFreePorts(int start, int end, IEnumerable<long> usedPortsAscending, int count)
    {
        var free = new List<int>(count);
        var port = start;
        using var used = usedPortsAscending.GetEnumerator();
        var nextUsed = used.MoveNext() ? used.Current : long.MaxValue;
        while (free.Count < count && port <= end)
        {
            if (port == nextUsed)
            {
                nextUsed = used.MoveNext() ? used.Current : long.MaxValue;
                port++;
                continue;
            }
            free.Add(port++);
        }
        return free;
    }
}
