namespace Berth.Contracts;

/// <summary>Exactly one of the three: requests per second per instance, mean CPU %, or p99 latency in ms.</summary>
public sealed record AutoscaleTarget(double? RequestsPerSecondPerInstance = null, double? CpuPercent = null, double? P99Ms = null);
