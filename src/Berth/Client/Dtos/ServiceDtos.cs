namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/services</c>; null fields take the type's defaults.</summary>
internal sealed record CreateServiceRequest(string Name, string Type, string? Version, int? MemoryMb, int? StorageGb);

/// <summary>A managed service as the API returns it.</summary>
internal sealed record ServiceView(
    string Id, string Tenant, string Type, string Version, int MemoryMb, int StorageGb, string Host, string Address,
    string Volume, string State, string? Reason, DateTimeOffset CreatedAt);
