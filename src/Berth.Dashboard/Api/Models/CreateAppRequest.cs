namespace Berth.Dashboard.Api.Models;

/// <summary>The body of <c>POST /v1/apps</c>; null fields take the API's defaults.</summary>
public sealed record CreateAppRequest(string? Id, string? Image, int? Port, int? MemoryMb, int? CpuShares, HealthCheckView? HealthCheck);
