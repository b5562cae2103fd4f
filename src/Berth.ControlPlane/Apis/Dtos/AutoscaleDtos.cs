namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>
/// The body of <c>PUT /v1/apps/{id}/autoscale</c>: bounds, one target, and with <c>min</c> 0 how long without a
/// request before the app sleeps (default 300 s).
/// </summary>
public sealed record AutoscaleRequest(int? Min, int? Max, AutoscaleTargetDto? Target, int? IdleSeconds);

/// <summary>Exactly one of the three: requests per second per instance, mean CPU %, or p99 latency in ms.</summary>
public sealed record AutoscaleTargetDto(double? RequestsPerSecondPerInstance = null, double? CpuPercent = null, double? P99Ms = null);

/// <summary>An app's autoscale policy, and whether the app sleeps now (no container until its next request).</summary>
public sealed record AutoscaleView(string AppId, int Min, int Max, AutoscaleTargetDto Target, int? IdleSeconds, bool Sleeping, DateTimeOffset UpdatedAt);
