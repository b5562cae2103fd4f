using Berth.Core.Services;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>A new managed service: <c>type</c> postgres, mariadb or redis; version, memory and storage default per type.</summary>
public sealed record CreateServiceRequest(string? Name, string? Type, string? Version, int? MemoryMb, int? StorageGb);

/// <summary>A managed service as the API shows it; <see cref="Address"/> is its host's address and published port.</summary>
public sealed record ServiceView(
    string Id, string Tenant, ServiceType Type, string Version, int MemoryMb, int StorageGb, string Host, string Address,
    string Volume, ServiceState State, string? Reason, DateTimeOffset CreatedAt)
{
    public static ServiceView From(ManagedService s) => new(
        s.Id, s.Tenant, s.Type, s.Version, s.MemoryMb, s.StorageGb, s.HostName, $"{s.HostIp}:{s.HostPort}", s.Volume, s.State, s.Reason, s.CreatedAt);
}
