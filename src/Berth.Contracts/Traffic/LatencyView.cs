namespace Berth.Contracts;

/// <summary>
/// Request latency percentiles in milliseconds and the histogram they come from (<see cref="BucketCounts"/> line up
/// with <see cref="BucketBoundsMs"/>, plus one unbounded bucket).
/// </summary>
public sealed record LatencyView(double P50Ms, double P90Ms, double P99Ms, double MeanMs, IReadOnlyList<double> BucketBoundsMs, IReadOnlyList<long> BucketCounts);
