using Berth.Contracts;
using Berth.Core.Traffic;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps the gateways' merged traffic series onto the API's view, every step of the window present.</summary>
internal static class TrafficSeriesViewMapping
{
    private static readonly StatusCountsView None = new(0, 0, 0, 0, 0);

    extension(TrafficSeriesView)
    {
        /// <summary>The view of a merged series, its steps dated back from <paramref name="now"/>.</summary>
        public static TrafficSeriesView From(TrafficSeries series, TrafficWindow window, IReadOnlyList<string> unreachable, DateTimeOffset now)
        {
            var steps = TrafficSeries.StepsOf(window);
            var current = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(1 - series.CurrentSeconds);
            IReadOnlyList<SeriesPointView> Dense(IReadOnlyList<TrafficPoint> points)
            {
                var byAge = points.ToDictionary(p => p.Age);
                return [.. Enumerable.Range(0, steps).Reverse().Select(age => PointOf(
                    byAge.GetValueOrDefault(age), current.AddSeconds(-age * series.StepSeconds), age == 0 ? series.CurrentSeconds : series.StepSeconds))];
            }

            return new TrafficSeriesView(
                series.AppId, series.Window, series.StepSeconds, series.Gateways, unreachable, Dense(series.Points),
                [.. series.Instances.Select(i => new InstanceSeriesView(i.Instance, i.Version, i.Address, Dense(i.Points)))]);
        }
    }

    /// <summary>The view of a step; <paramref name="point"/> is null for a step without requests.</summary>
    private static SeriesPointView PointOf(TrafficPoint? point, DateTimeOffset start, int seconds) => point is null
        ? new SeriesPointView(start, seconds, 0, 0, None, 0, 0)
        : new SeriesPointView(
            start, seconds, point.Requests, Math.Round((double)point.Requests / seconds, 3), StatsViewMapping.CountsOf(point.Responses),
            point.PercentileMs(0.50), point.PercentileMs(0.99));
}
