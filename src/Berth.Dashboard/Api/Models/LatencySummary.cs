namespace Berth.Dashboard.Api.Models;

/// <summary>Request latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(double P50Ms, double P90Ms, double P99Ms, double MeanMs);
