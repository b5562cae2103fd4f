namespace Berth.Contracts;

/// <summary>An app's health check in <c>POST /v1/apps</c>; absent fields take the defaults.</summary>
public sealed record HealthCheckRequest(string? Path, int? IntervalSeconds, int? TimeoutSeconds, int? Retries, int? StartSeconds = null);
