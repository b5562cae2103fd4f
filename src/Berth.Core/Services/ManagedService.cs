namespace Berth.Core.Services;

/// <summary>
/// A database or cache a tenant runs on Berth: one container on the host the scheduler chose, its data on a named
/// volume there, so it stays on that host. Apps reach it through bindings, never through the HTTP gateway.
/// </summary>
public sealed record ManagedService
{
    /// <summary>The service's name: a DNS label, unique across tenants (it names the volume and the container).</summary>
    public required string Id { get; init; }
    public required string Tenant { get; init; }
    public required ServiceType Type { get; init; }
    public required string Version { get; init; }
    public int MemoryMb { get; init; }
    /// <summary>The storage the tenant asked for, in GB: recorded and shown (the engine's local volumes have no quota).</summary>
    public int StorageGb { get; init; }
    public required string HostName { get; init; }
    /// <summary>The host's advertise address, where the service's port is published.</summary>
    public required string HostIp { get; init; }
    /// <summary>The host port the server's port is published on, from the host's port range.</summary>
    public int HostPort { get; init; }
    public string? ContainerId { get; init; }
    public ServiceState State { get; init; }
    /// <summary>Why the service is failed, unhealthy or down; null otherwise.</summary>
    public string? Reason { get; init; }
    /// <summary>The server's administrator password, sealed with the installation's secret key.</summary>
    public required string SealedAdminPassword { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public ServiceKind Kind => ServiceKind.Of(Type);

    /// <summary>The named volume that holds the data on <see cref="HostName"/>.</summary>
    public string Volume => $"berth-svc-{Id}";

    /// <summary>The container's name, which is also how containers on the tenant's network reach it.</summary>
    public string ContainerName => $"berth-svc-{Id}";

    /// <summary>The name of the database inside the server (PostgreSQL, MariaDB): the service's name with '-' as '_'.</summary>
    public string DatabaseName => Id.Replace('-', '_');
}
