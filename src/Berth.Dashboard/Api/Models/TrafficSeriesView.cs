namespace Berth.Dashboard.Api.Models;

/// <summary>An app's traffic over a window step by step, oldest first, merged from every gateway that answered.</summary>
public sealed record TrafficSeriesView(
    string AppId, string Window, int StepSeconds, int Gateways, IReadOnlyList<string> UnreachableGateways,
    IReadOnlyList<SeriesPointView> Points, IReadOnlyList<InstanceSeriesView> Instances);
