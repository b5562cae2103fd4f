namespace Berth.Contracts;

/// <summary>
/// One step of a traffic series: from <see cref="Start"/> for <see cref="Seconds"/> seconds (the current step only as
/// far as it has gone), how many requests, how many a second, the responses by status class and the latency.
/// </summary>
public sealed record SeriesPointView(
    DateTimeOffset Start, int Seconds, long Requests, double RequestsPerSecond, StatusCountsView Responses, double P50Ms, double P99Ms);
