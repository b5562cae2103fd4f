namespace Berth.Contracts;

/// <summary>
/// An app's traffic over a window step by step, oldest first, ending with the current step; every step of the window is
/// present (zero when quiet), in total and for each instance that answered requests in the window. Merged from every
/// gateway that answered (<see cref="Gateways"/>); <see cref="UnreachableGateways"/> did not, and their share is missing.
/// </summary>
public sealed record TrafficSeriesView(
    string AppId, string Window, int StepSeconds, int Gateways, IReadOnlyList<string> UnreachableGateways,
    IReadOnlyList<SeriesPointView> Points, IReadOnlyList<InstanceSeriesView> Instances);
