using System.Data.Common;
using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore : IBlockedPortStore
{
    /// <summary>Replaces any block of the port, and drops blocks that have ended while at it, in one transaction.</summary>
    /// <exception cref="KeyNotFoundException">No host has that name.</exception>
    public async Task BlockPortAsync(BlockedPort block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        var row = BlockedPortRow.From(block);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        await connection.ExecuteAsync(Command(
            "DELETE FROM blocked_ports WHERE (host_name = @HostName AND host_port = @HostPort) OR blocked_until <= @now",
            new { row.HostName, row.HostPort, now = StoredTime.ToText(Now) },
            cancellationToken,
            transaction));
        try
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO blocked_ports (host_name, host_port, blocked_until, reason) VALUES (@HostName, @HostPort, @BlockedUntil, @Reason)",
                row,
                cancellationToken,
                transaction));
        }
        catch (DbException e) when (IsForeignKeyViolation(e))
        {
            throw new KeyNotFoundException($"host '{block.HostName}' does not exist");
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> UnblockPortAsync(string hostName, int port, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(
            "DELETE FROM blocked_ports WHERE host_name = @hostName AND host_port = @port AND blocked_until > @now",
            new { hostName, port, now = StoredTime.ToText(Now) },
            cancellationToken)) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<int>> ListHeldPortsAsync(string hostName, CancellationToken cancellationToken) =>
        (await QueryAsync<int>(
            "SELECT host_port FROM instances WHERE host_name = @hostName UNION ALL SELECT host_port FROM services WHERE host_name = @hostName",
            new { hostName },
            cancellationToken))
        .ToHashSet();

    /// <inheritdoc />
    public async Task<IReadOnlyList<BlockedPort>> ListBlockedPortsAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<BlockedPortRow>(
            $"SELECT {BlockedPortRow.Columns} FROM blocked_ports WHERE blocked_until > @now ORDER BY host_name, host_port",
            new { now = StoredTime.ToText(Now) },
            cancellationToken))
        .ConvertAll(row => row.ToBlockedPort());

    /// <summary>
    /// In one transaction: takes the host's row first (as reservations do, so the two pick ports in turn), picks the
    /// lowest port neither held nor blocked, and points the instance at it, reserved again and without a container.
    /// The host's version does not move: no placement depends on which port an instance has.
    /// </summary>
    /// <exception cref="PortRangeExhaustedException">No other port of the range is free.</exception>
    /// <exception cref="KeyNotFoundException">The instance is gone.</exception>
    public async Task<Instance> MoveToFreePortAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<InstanceRow>(
            Command($"{SelectInstanceSql} WHERE id = @instanceId", new { instanceId }, cancellationToken, transaction))
            ?? throw new KeyNotFoundException($"instance '{instanceId}' does not exist");
        var instance = row.ToInstance();
        await connection.ExecuteAsync(Command(
            "UPDATE hosts SET version = version WHERE name = @HostName", new { instance.HostName }, cancellationToken, transaction));

        var (host, taken) = (await ReadPortsAsync(connection, transaction, [instance.HostName], cancellationToken))[instance.HostName];
        if (LowestFreePorts(host.PortRangeStart, host.PortRangeEnd, taken, 1) is not [var port])
        {
            throw new PortRangeExhaustedException(host.Name, host.PortRangeStart, host.PortRangeEnd);
        }

        var moved = instance with { HostPort = port, ContainerId = null, State = InstanceState.Reserved, UpdatedAt = Now };
        await connection.ExecuteAsync(Command(
            "UPDATE instances SET host_port = @HostPort, container_id = @ContainerId, state = @State, updated_at = @UpdatedAt WHERE id = @Id",
            InstanceRow.From(moved),
            cancellationToken,
            transaction));
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }
}
