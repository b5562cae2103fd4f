namespace Berth.Contracts;

/// <summary>What went through the gateways for an app or an instance over a window.</summary>
public sealed record TrafficTotalsView(long Requests, StatusCountsView Responses, long BytesIn, long BytesOut, LatencyView Latency);
