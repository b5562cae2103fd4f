namespace Berth.Contracts;

/// <summary>
/// A managed service as the API shows it; <see cref="Address"/> is its host's address and published port.
/// <see cref="UsedBytes"/> is what its volume holds, measured for one service (<c>GET /v1/services/{id}</c>), never in a
/// list; null there, or when the service does not run.
/// </summary>
public sealed record ServiceView(
    string Id, string Tenant, string Type, string Version, int MemoryMb, int StorageGb, string Host, string Address,
    string Volume, string State, string? Reason, DateTimeOffset CreatedAt, long? UsedBytes = null);
