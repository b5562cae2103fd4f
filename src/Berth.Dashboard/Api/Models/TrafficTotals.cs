namespace Berth.Dashboard.Api.Models;

/// <summary>What went through the gateways for an app or an instance over a window.</summary>
public sealed record TrafficTotals(long Requests, StatusCounts Responses, long BytesIn, long BytesOut, LatencySummary Latency);
