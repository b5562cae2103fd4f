using Berth.Core.Apps;

namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/apps</c>; a null <see cref="Image"/> means the tenant's own images.</summary>
internal sealed record CreateAppRequest(
    string Id,
    string? Image,
    int Port,
    int MemoryMb,
    int CpuShares,
    IReadOnlyDictionary<string, string> Env,
    HealthCheckView HealthCheck,
    FailurePolicy OnFailure,
    int DrainSeconds);
