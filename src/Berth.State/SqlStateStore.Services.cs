using System.Data.Common;
using Berth.Core.Services;
using Berth.Core.State;
using Berth.State.Rows;
using Dapper;

namespace Berth.State;

internal abstract partial class SqlStateStore : IServiceStore
{
    private const string SelectServiceSql = $"SELECT {ServiceRow.Columns} FROM services";

    /// <inheritdoc />
    public async Task<ManagedService> ReserveServiceAsync(ManagedService service, long expectedHostVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        try
        {
            // The host's row first, claimed at the version the placement read, as instance reservations do.
            var claimed = await connection.ExecuteAsync(Command(
                """
                UPDATE hosts SET version = version + 1, reserved_memory_mb = reserved_memory_mb + @MemoryMb
                WHERE name = @HostName AND version = @expectedHostVersion AND reserved_memory_mb + @MemoryMb <= memory_mb
                """,
                new { service.MemoryMb, service.HostName, expectedHostVersion },
                cancellationToken,
                transaction));
            if (claimed != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw await WhyNotClaimedAsync(
                    [new HostClaim(service.HostName, expectedHostVersion, service.MemoryMb, 0, [])], cancellationToken);
            }

            var (host, taken) = (await ReadPortsAsync(connection, transaction, [service.HostName], cancellationToken))[service.HostName];
            if (LowestFreePorts(host.PortRangeStart, host.PortRangeEnd, taken, 1) is not [var port])
            {
                throw new PortRangeExhaustedException(host.Name, host.PortRangeStart, host.PortRangeEnd);
            }

            var reserved = service with { HostIp = host.AdvertiseIp, HostPort = port, CreatedAt = Now, UpdatedAt = Now };
            await connection.ExecuteAsync(Command(
                """
                INSERT INTO services (id, tenant, type, version, memory_mb, storage_gb, host_name, host_ip, host_port, container_id,
                    state, reason, admin_password, created_at, updated_at)
                VALUES (@Id, @Tenant, @Type, @Version, @MemoryMb, @StorageGb, @HostName, @HostIp, @HostPort, @ContainerId,
                    @State, @Reason, @AdminPassword, @CreatedAt, @UpdatedAt)
                """,
                ServiceRow.From(reserved),
                cancellationToken,
                transaction));
            await transaction.CommitAsync(cancellationToken);
            return reserved;
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new ConflictException($"service '{service.Id}' already exists");
        }
        catch (DbException e) when (IsTransientConflict(e))
        {
            throw new StaleHostException(service.HostName);
        }
    }

    /// <inheritdoc />
    public async Task<ManagedService?> GetServiceAsync(string id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<ServiceRow>($"{SelectServiceSql} WHERE id = @id", new { id }, cancellationToken))?.ToService();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ManagedService>> ListServicesAsync(string? tenant, CancellationToken cancellationToken) =>
        (tenant is null
            ? await QueryAsync<ServiceRow>($"{SelectServiceSql} ORDER BY id", null, cancellationToken)
            : await QueryAsync<ServiceRow>($"{SelectServiceSql} WHERE tenant = @tenant ORDER BY id", new { tenant }, cancellationToken))
        .ConvertAll(row => row.ToService());

    /// <inheritdoc />
    public async Task UpdateServiceAsync(ManagedService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(Command(
            "UPDATE services SET container_id = @ContainerId, state = @State, reason = @Reason, updated_at = @UpdatedAt WHERE id = @Id",
            ServiceRow.From(service),
            cancellationToken));
        EnsureFound(rows, $"service '{service.Id}'");
    }

    /// <inheritdoc />
    public async Task<bool> DeleteServiceAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await BeginWriteTransactionAsync(connection, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ServiceRow>(
            Command($"{SelectServiceSql} WHERE id = @id", new { id }, cancellationToken, transaction));
        if (row is null)
        {
            return false;
        }

        // The host row first, as reservations take it, so the two never wait on each other in opposite orders.
        await connection.ExecuteAsync(Command(
            "UPDATE hosts SET reserved_memory_mb = reserved_memory_mb - @MemoryMb WHERE name = @HostName",
            new { row.MemoryMb, row.HostName },
            cancellationToken,
            transaction));
        await connection.ExecuteAsync(Command("DELETE FROM services WHERE id = @id", new { id }, cancellationToken, transaction));
        await connection.ExecuteAsync(Command("DELETE FROM service_backup_schedules WHERE service_id = @id", new { id }, cancellationToken, transaction));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
