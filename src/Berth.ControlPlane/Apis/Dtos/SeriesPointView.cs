using Berth.Gateway.Statistics;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>
/// One step of a traffic series: from <see cref="Start"/> for <see cref="Seconds"/> seconds (the current step only as
/// far as it has gone), how many requests, how many a second, the responses by status class and the latency.
/// </summary>
public sealed record SeriesPointView(
    DateTimeOffset Start, int Seconds, long Requests, double RequestsPerSecond, StatusCounts Responses, double P50Ms, double P99Ms)
{
    private static readonly StatusCounts None = new(0, 0, 0, 0, 0);

    /// <summary>The view of a step; <paramref name="point"/> is null for a step without requests.</summary>
    public static SeriesPointView From(TrafficPoint? point, DateTimeOffset start, int seconds) => point is null
        ? new SeriesPointView(start, seconds, 0, 0, None, 0, 0)
        : new SeriesPointView(
            start, seconds, point.Requests, Math.Round((double)point.Requests / seconds, 3), point.Responses, point.PercentileMs(0.50), point.PercentileMs(0.99));
}
