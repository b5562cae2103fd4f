using Berth.Core.Services;

namespace Berth.State.Rows;

/// <summary>A <c>services</c> row as Dapper reads and writes it.</summary>
internal sealed class ServiceRow
{
    public const string Columns =
        "id AS Id, tenant AS Tenant, type AS Type, version AS Version, memory_mb AS MemoryMb, storage_gb AS StorageGb, " +
        "host_name AS HostName, host_ip AS HostIp, host_port AS HostPort, container_id AS ContainerId, state AS State, " +
        "reason AS Reason, admin_password AS AdminPassword, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public string Id { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Type { get; set; } = "";
    public string Version { get; set; } = "";
    public int MemoryMb { get; set; }
    public int StorageGb { get; set; }
    public string HostName { get; set; } = "";
    public string HostIp { get; set; } = "";
    public int HostPort { get; set; }
    public string? ContainerId { get; set; }
    public string State { get; set; } = "";
    public string? Reason { get; set; }
    public string AdminPassword { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";

    public static ServiceRow From(ManagedService service) => new()
    {
        Id = service.Id,
        Tenant = service.Tenant,
        Type = StoredEnum.ToText(service.Type),
        Version = service.Version,
        MemoryMb = service.MemoryMb,
        StorageGb = service.StorageGb,
        HostName = service.HostName,
        HostIp = service.HostIp,
        HostPort = service.HostPort,
        ContainerId = service.ContainerId,
        State = StoredEnum.ToText(service.State),
        Reason = service.Reason,
        AdminPassword = service.SealedAdminPassword,
        CreatedAt = StoredTime.ToText(service.CreatedAt),
        UpdatedAt = StoredTime.ToText(service.UpdatedAt),
    };

    public ManagedService ToService() => new()
    {
        Id = Id,
        Tenant = Tenant,
        Type = StoredEnum.Parse<ServiceType>(Type),
        Version = Version,
        MemoryMb = MemoryMb,
        StorageGb = StorageGb,
        HostName = HostName,
        HostIp = HostIp,
        HostPort = HostPort,
        ContainerId = ContainerId,
        State = StoredEnum.Parse<ServiceState>(State),
        Reason = Reason,
        SealedAdminPassword = AdminPassword,
        CreatedAt = StoredTime.Parse(CreatedAt),
        UpdatedAt = StoredTime.Parse(UpdatedAt),
    };
}
