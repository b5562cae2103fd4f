using System.Data.Common;
using Berth.Core.Services;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

public abstract partial class SqlStateStore
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
}
