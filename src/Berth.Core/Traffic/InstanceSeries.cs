namespace Berth.Core.Traffic;

/// <summary>The steps in which one instance (a container) answered requests.</summary>
public sealed record InstanceSeries(string Instance, string Version, string Address, IReadOnlyList<TrafficPoint> Points);
