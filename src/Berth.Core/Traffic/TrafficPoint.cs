namespace Berth.Core.Traffic;

/// <summary>
/// The traffic of one step of a series: <see cref="Age"/> steps before the current one (0 is the current, still
/// filling step). <see cref="Latency"/> is the histogram of <see cref="LatencyBuckets"/>, so points from several
/// gateways merge exactly.
/// </summary>
public sealed record TrafficPoint(int Age, long Requests, StatusCounts Responses, long LatencyMicros, IReadOnlyList<long> Latency)
{
    /// <summary>The latency percentile (0-1) of the step in milliseconds; 0 when it saw no request.</summary>
    public double PercentileMs(double quantile) => LatencyBuckets.Percentile(Latency, quantile);

    /// <summary>Adds two points of the same step: counters summed, histograms added.</summary>
    public static TrafficPoint operator +(TrafficPoint a, TrafficPoint b)
    {
        if (a.Age != b.Age || a.Latency.Count != b.Latency.Count)
        {
            throw new InvalidDataException("only points of the same step and histogram merge");
        }

        return new TrafficPoint(
            a.Age, a.Requests + b.Requests, a.Responses + b.Responses, a.LatencyMicros + b.LatencyMicros, [.. a.Latency.Zip(b.Latency, (x, y) => x + y)]);
    }
}
