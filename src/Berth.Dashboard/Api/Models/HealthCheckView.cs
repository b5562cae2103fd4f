namespace Berth.Dashboard.Api.Models;

/// <summary>An app's health check.</summary>
public sealed record HealthCheckView(string? Path, int? IntervalSeconds, int? TimeoutSeconds, int? Retries);
