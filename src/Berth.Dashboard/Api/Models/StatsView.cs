namespace Berth.Dashboard.Api.Models;

/// <summary>An app's traffic over a window (<c>minute</c> or <c>hour</c>), merged from every gateway that answered.</summary>
public sealed record StatsView(string AppId, string Window, int Gateways, IReadOnlyList<string> UnreachableGateways, TrafficTotals Total, IReadOnlyList<InstanceTraffic> Instances);
