namespace Berth.Dashboard.Api.Models;

/// <summary>One instance's share of an app's traffic.</summary>
public sealed record InstanceTraffic(string Instance, string Version, string Address, TrafficTotals Traffic);
