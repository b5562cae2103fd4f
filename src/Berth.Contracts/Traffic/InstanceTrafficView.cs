namespace Berth.Contracts;

/// <summary>The traffic one instance answered.</summary>
public sealed record InstanceTrafficView(string Instance, string Version, string Address, TrafficTotalsView Traffic);
