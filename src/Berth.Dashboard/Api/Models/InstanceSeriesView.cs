namespace Berth.Dashboard.Api.Models;

/// <summary>One instance's traffic step by step.</summary>
public sealed record InstanceSeriesView(string Instance, string Version, string Address, IReadOnlyList<SeriesPointView> Points);
