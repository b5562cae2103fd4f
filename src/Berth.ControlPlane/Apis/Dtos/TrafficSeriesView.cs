using Berth.Gateway.Statistics;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>
/// An app's traffic over a window step by step, oldest first, ending with the current step; every step of the window is
/// present (zero when quiet), in total and for each instance that answered requests in the window. Merged from every
/// gateway that answered (<see cref="Gateways"/>); <see cref="UnreachableGateways"/> did not, and their share is missing.
/// </summary>
public sealed record TrafficSeriesView(
    string AppId, string Window, int StepSeconds, int Gateways, IReadOnlyList<string> UnreachableGateways,
    IReadOnlyList<SeriesPointView> Points, IReadOnlyList<InstanceSeriesView> Instances)
{
    /// <summary>The view of a merged series, its steps dated back from <paramref name="now"/>.</summary>
    public static TrafficSeriesView From(TrafficSeries series, TrafficWindow window, IReadOnlyList<string> unreachable, DateTimeOffset now)
    {
        var steps = TrafficSeries.StepsOf(window);
        var current = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(1 - series.CurrentSeconds);
        IReadOnlyList<SeriesPointView> Dense(IReadOnlyList<TrafficPoint> points)
        {
            var byAge = points.ToDictionary(p => p.Age);
            return [.. Enumerable.Range(0, steps).Reverse().Select(age => SeriesPointView.From(
                byAge.GetValueOrDefault(age), current.AddSeconds(-age * series.StepSeconds), age == 0 ? series.CurrentSeconds : series.StepSeconds))];
        }

        return new TrafficSeriesView(
            series.AppId, series.Window, series.StepSeconds, series.Gateways, unreachable, Dense(series.Points),
            [.. series.Instances.Select(i => new InstanceSeriesView(i.Instance, i.Version, i.Address, Dense(i.Points)))]);
    }
}
