using Berth.Core.Traffic;

namespace Berth.Gateway.Statistics;

internal sealed partial class GatewayStatistics
{
    /// <summary>The app's traffic over the window step by step, in total and per instance that saw requests.</summary>
    public TrafficSeries Series(string appId, TrafficWindow window)
    {
        var now = NowSecond;
        var step = TrafficSeries.StepOf(window);
        var total = Steps(window);
        if (_apps.TryGetValue(appId, out var counters))
        {
            counters.AddSeries(window, now, total);
        }

        var instances = new List<InstanceSeries>();
        foreach (var instance in _instances.Values.Where(i => i.AppId == appId))
        {
            var steps = Steps(window);
            instance.Counters.AddSeries(window, now, steps);
            if (Points(steps) is { Length: > 0 } points)
            {
                instances.Add(new InstanceSeries(instance.Instance, instance.Version, instance.Address, points));
            }
        }

        return new TrafficSeries(
            appId, window.Name(), step, (int)(now % step) + 1, 1, Points(total), [.. instances.OrderBy(i => i.Instance, StringComparer.Ordinal)]);
    }

    private static long[][] Steps(TrafficWindow window) => [.. Enumerable.Range(0, TrafficSeries.StepsOf(window)).Select(_ => new long[CounterSlot.Size])];

    /// <summary>The steps that saw requests, oldest first.</summary>
    private static TrafficPoint[] Points(long[][] steps) =>
        [.. Enumerable.Range(0, steps.Length).Reverse().Where(age => steps[age][CounterSlot.Requests] > 0).Select(age => CounterSlot.Point(age, steps[age]))];
}
