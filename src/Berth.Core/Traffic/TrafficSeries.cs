namespace Berth.Core.Traffic;

/// <summary>
/// An app's traffic over a window step by step, as one or more gateways saw it: <see cref="Points"/> holds only the
/// steps that saw requests, each by its age (0 is the current step, <see cref="CurrentSeconds"/> into it).
/// The minute window has six 10-second steps, the hour sixty 1-minute steps.
/// </summary>
public sealed record TrafficSeries(
    string AppId, string Window, int StepSeconds, int CurrentSeconds, int Gateways, IReadOnlyList<TrafficPoint> Points, IReadOnlyList<InstanceSeries> Instances)
{
    /// <summary>How long one step of the window is.</summary>
    public static int StepOf(TrafficWindow window) => window == TrafficWindow.Hour ? 60 : 10;

    /// <summary>How many steps the window has, the current one included.</summary>
    public static int StepsOf(TrafficWindow window) => window == TrafficWindow.Hour ? 60 : 6;

    /// <summary>
    /// Adds series of the same app and window from several gateways step by step (by age: gateways need not share a
    /// clock); the current step is as long as the longest any gateway reported.
    /// </summary>
    public static TrafficSeries Merge(string appId, TrafficWindow window, IEnumerable<TrafficSeries> series)
    {
        var gateways = 0;
        var current = 1;
        var points = new Dictionary<int, TrafficPoint>();
        var instances = new Dictionary<string, (InstanceSeries First, Dictionary<int, TrafficPoint> Points)>(StringComparer.Ordinal);
        foreach (var one in series)
        {
            gateways += one.Gateways;
            current = Math.Max(current, one.CurrentSeconds);
            Add(points, one.Points);
            foreach (var instance in one.Instances)
            {
                if (!instances.TryGetValue(instance.Instance, out var seen))
                {
                    instances[instance.Instance] = seen = (instance, []);
                }

                Add(seen.Points, instance.Points);
            }
        }

        return new TrafficSeries(
            appId, window.Name(), StepOf(window), current, gateways, Ordered(points),
            [.. instances.Values.Select(i => i.First with { Points = Ordered(i.Points) }).OrderBy(i => i.Instance, StringComparer.Ordinal)]);
    }

    private static void Add(Dictionary<int, TrafficPoint> into, IEnumerable<TrafficPoint> points)
    {
        foreach (var point in points)
        {
            into[point.Age] = into.TryGetValue(point.Age, out var seen) ? seen + point : point;
        }
    }

    private static TrafficPoint[] Ordered(Dictionary<int, TrafficPoint> points) => [.. points.Values.OrderByDescending(p => p.Age)];
}
