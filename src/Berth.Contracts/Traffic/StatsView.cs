namespace Berth.Contracts;

/// <summary>
/// An app's traffic over a window (<c>minute</c> or <c>hour</c>), merged from every gateway that answered
/// (<see cref="Gateways"/>); <see cref="UnreachableGateways"/> did not, and their share is missing.
/// </summary>
public sealed record StatsView(
    string AppId, string Window, int Gateways, IReadOnlyList<string> UnreachableGateways, TrafficTotalsView Total, IReadOnlyList<InstanceTrafficView> Instances);
