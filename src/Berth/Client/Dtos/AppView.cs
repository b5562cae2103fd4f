using Berth.Core.Apps;

namespace Berth.Client.Dtos;

/// <summary>An app as the API returns it.</summary>
internal sealed record AppView(
    string Id,
    string Tenant,
    string? Image,
    int Port,
    int MemoryMb,
    int CpuShares,
    IReadOnlyDictionary<string, string>? Env,
    HealthCheckView? HealthCheck,
    FailurePolicy OnFailure,
    int DrainSeconds,
    string? ActiveVersion,
    string? PreviousVersion,
    int Instances,
    DateTimeOffset CreatedAt);
