namespace Berth.Contracts;

/// <summary>A managed service as the API shows it; <see cref="Address"/> is its host's address and published port.</summary>
public sealed record ServiceView(
    string Id, string Tenant, string Type, string Version, int MemoryMb, int StorageGb, string Host, string Address,
    string Volume, string State, string? Reason, DateTimeOffset CreatedAt);
