namespace Berth.Contracts;

/// <summary>A new managed service: <c>type</c> postgres, mariadb or redis; version, memory and storage default per type.</summary>
public sealed record CreateServiceRequest(string? Name, string? Type, string? Version, int? MemoryMb, int? StorageGb);
