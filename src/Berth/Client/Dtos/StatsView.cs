using System.Text.Json.Serialization;

namespace Berth.Client.Dtos;

/// <summary>An app's traffic over a window, merged from the gateways that answered.</summary>
internal sealed record StatsView(
    string AppId, string Window, int Gateways, IReadOnlyList<string> UnreachableGateways, TrafficTotalsView Total, IReadOnlyList<InstanceTrafficView> Instances);

/// <summary>The traffic one instance answered.</summary>
internal sealed record InstanceTrafficView(string Instance, string Version, string Address, TrafficTotalsView Traffic);

/// <summary>Requests, responses by status class, bytes and latency.</summary>
internal sealed record TrafficTotalsView(long Requests, StatusCountsView Responses, long BytesIn, long BytesOut, LatencyView Latency);

/// <summary>Responses by status class.</summary>
internal sealed record StatusCountsView(
    [property: JsonPropertyName("1xx")] long Informational,
    [property: JsonPropertyName("2xx")] long Success,
    [property: JsonPropertyName("3xx")] long Redirection,
    [property: JsonPropertyName("4xx")] long ClientError,
    [property: JsonPropertyName("5xx")] long ServerError);

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record LatencyView(double P50Ms, double P90Ms, double P99Ms, double MeanMs);
