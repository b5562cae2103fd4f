namespace Berth.Contracts;

/// <summary>One instance's traffic step by step, every step of the window present.</summary>
public sealed record InstanceSeriesView(string Instance, string Version, string Address, IReadOnlyList<SeriesPointView> Points);
