namespace Berth.Core.Traffic;

/// <summary>The traffic one instance (a container) answered.</summary>
public sealed record InstanceTraffic(string Instance, string Version, string Address, TrafficTotals Traffic);
