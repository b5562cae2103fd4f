using System.Data.Common;
using Berth.Core.Services;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore
{
    /// <inheritdoc />
    public async Task<ManagedService> MoveServiceAsync(ManagedService service, string hostName, long expectedHostVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        try
        {
            // The new host's row first, claimed at the version read, as a reservation does; then the old one's memory back.
            var claimed = await connection.ExecuteAsync(Command(
                """
                UPDATE hosts SET version = version + 1, reserved_memory_mb = reserved_memory_mb + @MemoryMb
                WHERE name = @hostName AND version = @expectedHostVersion AND reserved_memory_mb + @MemoryMb <= memory_mb
                """,
                new { service.MemoryMb, hostName, expectedHostVersion },
                cancellationToken,
                transaction));
            if (claimed != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw await WhyNotClaimedAsync([new HostClaim(hostName, expectedHostVersion, service.MemoryMb, 0, [])], cancellationToken);
            }

            var (host, taken) = (await ReadPortsAsync(connection, transaction, [hostName], cancellationToken))[hostName];
            if (LowestFreePorts(host.PortRangeStart, host.PortRangeEnd, taken, 1) is not [var port])
            {
                throw new PortRangeExhaustedException(host.Name, host.PortRangeStart, host.PortRangeEnd);
            }

            await connection.ExecuteAsync(Command(
                "UPDATE hosts SET reserved_memory_mb = reserved_memory_mb - @MemoryMb WHERE name = @HostName",
                new { service.MemoryMb, service.HostName },
                cancellationToken,
                transaction));
            var moved = service with { HostName = host.Name, HostIp = host.AdvertiseIp, HostPort = port, ContainerId = null, UpdatedAt = Now };
            var rows = await connection.ExecuteAsync(Command(
                """
                UPDATE services SET host_name = @HostName, host_ip = @HostIp, host_port = @HostPort, container_id = @ContainerId,
                    state = @State, reason = @Reason, updated_at = @UpdatedAt
                WHERE id = @Id
                """,
                ServiceRow.From(moved),
                cancellationToken,
                transaction));
            EnsureFound(rows, $"service '{service.Id}'");
            await transaction.CommitAsync(cancellationToken);
            return moved;
        }
        catch (DbException e) when (IsTransientConflict(e))
        {
            throw new StaleHostException(hostName);
        }
    }

    /// <summary>
    /// In one transaction: takes the host's row first (as reservations do, so the two pick ports in turn), then the
    /// lowest port neither held nor blocked; the host's version does not move, as no placement depends on the port.
    /// </summary>
    public async Task<ManagedService> MoveServiceToFreePortAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var service = (await connection.QuerySingleOrDefaultAsync<ServiceRow>(
            Command($"{SelectServiceSql} WHERE id = @id", new { id }, cancellationToken, transaction)))?.ToService()
            ?? throw new KeyNotFoundException($"service '{id}' does not exist");
        await connection.ExecuteAsync(Command(
            "UPDATE hosts SET version = version WHERE name = @HostName", new { service.HostName }, cancellationToken, transaction));

        var (host, taken) = (await ReadPortsAsync(connection, transaction, [service.HostName], cancellationToken))[service.HostName];
        if (LowestFreePorts(host.PortRangeStart, host.PortRangeEnd, taken, 1) is not [var port])
        {
            throw new PortRangeExhaustedException(host.Name, host.PortRangeStart, host.PortRangeEnd);
        }

        var moved = service with { HostPort = port, ContainerId = null, UpdatedAt = Now };
        await connection.ExecuteAsync(Command(
            "UPDATE services SET host_port = @HostPort, container_id = @ContainerId, updated_at = @UpdatedAt WHERE id = @Id",
            ServiceRow.From(moved),
            cancellationToken,
            transaction));
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }
}
