namespace Berth.Dashboard.Api.Models;

/// <summary>An app's split between versions (empty: the active version takes everything) and its balancing policy.</summary>
public sealed record TrafficView(IReadOnlyDictionary<string, int> Weights, string Balancing, string? ActiveVersion);
