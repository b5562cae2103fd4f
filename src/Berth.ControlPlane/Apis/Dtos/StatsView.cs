using Berth.Gateway.Statistics;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>
/// An app's traffic over a window, merged from every gateway that answered (<see cref="Gateways"/>);
/// <see cref="UnreachableGateways"/> did not, and their share is missing.
/// </summary>
public sealed record StatsView(
    string AppId, string Window, int Gateways, IReadOnlyList<string> UnreachableGateways, TrafficTotals Total, IReadOnlyList<InstanceTraffic> Instances)
{
    public static StatsView From(TrafficReport report, IReadOnlyList<string> unreachable) =>
        new(report.AppId, report.Window, report.Gateways, unreachable, report.Total, report.Instances);
}
