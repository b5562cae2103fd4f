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
    DateTimeOffset CreatedAt)
{
    /// <summary>The version running beside the active one until it is promoted or aborted, or null.</summary>
    public string? CanaryVersion { get; init; }

    /// <summary>How many instances of <see cref="CanaryVersion"/> run.</summary>
    public int CanaryInstances { get; init; }
}
