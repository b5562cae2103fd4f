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
    public async Task<Instance> ReserveInstanceAsync(InstanceReservation reservation, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);

        // Bumping the version first is the version check and, on databases with row locks, the lock that makes a
        // concurrent reservation on this host wait and then find the version changed. A rollback undoes it.
        var claimed = await connection.ExecuteAsync(Command(
            "UPDATE hosts SET version = version + 1 WHERE name = @HostName AND version = @ExpectedHostVersion",
            new { reservation.HostName, reservation.ExpectedHostVersion },
            cancellationToken,
            transaction));
        var host = (await connection.QuerySingleOrDefaultAsync<HostRow>(Command(
            $"{SelectHostSql} WHERE name = @HostName", new { reservation.HostName }, cancellationToken, transaction)))?.ToHost()
            ?? throw new KeyNotFoundException($"host '{reservation.HostName}' does not exist");
        if (claimed == 0)
        {
            throw new StaleHostException(host.Name);
        }

        var reserved = await connection.QuerySingleAsync<ReservedResources>(Command(
            """
            SELECT COALESCE(SUM(memory_mb), 0) AS MemoryMb, COALESCE(SUM(cpu_shares), 0) AS CpuShares
            FROM instances WHERE host_name = @HostName
            """,
            new { reservation.HostName },
            cancellationToken,
            transaction));
        EnsureCapacity(host.Name, "MB of memory", host.MemoryMb - reserved.MemoryMb, reservation.MemoryMb);
        EnsureCapacity(host.Name, "CPU shares", host.CpuShares - reserved.CpuShares, reservation.CpuShares);

        var usedPorts = await connection.QueryAsync<long>(Command(
            """
            SELECT host_port FROM instances
            WHERE host_name = @Name AND host_port BETWEEN @PortRangeStart AND @PortRangeEnd
            ORDER BY host_port
            """,
            new { host.Name, host.PortRangeStart, host.PortRangeEnd },
            cancellationToken,
            transaction));
        var port = LowestFreePort(host.PortRangeStart, usedPorts);
        if (port > host.PortRangeEnd)
        {
            throw new PortRangeExhaustedException(host.Name, host.PortRangeStart, host.PortRangeEnd);
        }

        var now = Now;
        var instance = new Instance
        {
            Id = reservation.InstanceId,
            AppId = reservation.AppId,
            Version = reservation.Version,
            DeploymentId = reservation.DeploymentId,
            HostName = host.Name,
            HostIp = host.AdvertiseIp,
            HostPort = port,
            MemoryMb = reservation.MemoryMb,
            CpuShares = reservation.CpuShares,
            State = InstanceState.Reserved,
            Health = InstanceHealth.Unknown,
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await connection.ExecuteAsync(Command(
                """
                INSERT INTO instances (id, app_id, version, deployment_id, host_name, host_ip, host_port, memory_mb, cpu_shares,
                                       container_id, state, health, created_at, updated_at)
                VALUES (@Id, @AppId, @Version, @DeploymentId, @HostName, @HostIp, @HostPort, @MemoryMb, @CpuShares,
                        @ContainerId, @State, @Health, @CreatedAt, @UpdatedAt)
                """,
                InstanceRow.From(instance),
                cancellationToken,
                transaction));
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"instance '{instance.Id}' already exists");
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"app '{instance.AppId}' does not exist");
        }
        await transaction.CommitAsync(cancellationToken);
        return instance;
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

    private static void EnsureCapacity(string host, string unit, long free, int asked)
    {
        if (asked > free)
        {
            throw new InsufficientCapacityException($"host {host} has {free} {unit} free, {asked} asked");
        }
    }

    private static int LowestFreePort(int start, IEnumerable<long> usedPortsAscending)
    {
        var port = start;
        foreach (var used in usedPortsAscending)
        {
            if (used > port)
            {
                break;
            }
            if (used == port)
            {
                port++;
            }
        }
        return port;
    }
}
