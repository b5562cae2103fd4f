namespace Berth.Dashboard.Api.Models;

/// <summary>An app as <c>GET /v1/apps</c> shows it (the fields the dashboard uses).</summary>
public sealed record AppView(
    string Id,
    string Tenant,
    string Image,
    int Port,
    int MemoryMb,
    int CpuShares,
    string? ActiveVersion,
    string? PreviousVersion,
    int Instances,
    DateTimeOffset CreatedAt,
    HealthCheckView? HealthCheck,
    string? OnFailure)
{
    /// <summary>The version running beside the active one until it is promoted or aborted, or null.</summary>
    public string? CanaryVersion { get; init; }

    /// <summary>How many instances of <see cref="CanaryVersion"/> run.</summary>
    public int CanaryInstances { get; init; }
}
