namespace Berth.Contracts;

/// <summary>
/// An app's traffic policy: the split between versions (empty: the active version takes everything) and the balancing
/// policy among a version's instances.
/// </summary>
public sealed record TrafficView(IReadOnlyDictionary<string, int> Weights, string Balancing, string? ActiveVersion);
