namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>The body of <c>POST /v1/apps</c>; every field but the id has a default.</summary>
public sealed record CreateAppRequest(
    string? Id,
    string? Image,
    int? Port,
    int? MemoryMb,
    int? CpuShares,
    Dictionary<string, string>? Env,
    HealthCheckRequest? HealthCheck,
    string? OnFailure,
    int? DrainSeconds,
    bool? ReadOnlyRootFilesystem = null);

public sealed record HealthCheckRequest(string? Path, int? IntervalSeconds, int? TimeoutSeconds, int? Retries, int? StartSeconds = null);
