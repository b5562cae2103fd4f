namespace Berth.Dashboard.Api.Models;

/// <summary>One step of a traffic series (see <c>GET /v1/apps/{id}/stats/series</c>).</summary>
public sealed record SeriesPointView(
    DateTimeOffset Start, int Seconds, long Requests, double RequestsPerSecond, StatusCounts Responses, double P50Ms, double P99Ms);
