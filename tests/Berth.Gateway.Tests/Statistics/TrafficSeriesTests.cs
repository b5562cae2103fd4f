using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Tests.Statistics;

public sealed class TrafficSeriesTests
{
    [Fact]
    public void AddSeries_Hour_OneStepPerMinuteByAge()
    {
        var counters = new TrafficCounters();
        counters.Record(200, 0, 0, 500, nowSecond: 6_000);
        counters.Record(200, 0, 0, 500, nowSecond: 6_030);
        counters.Record(503, 0, 0, 20_000, nowSecond: 6_130);
        counters.Record(200, 0, 0, 500, nowSecond: 6_000 - 3_600);

        var steps = Steps(60);
        counters.AddSeries(TrafficWindow.Hour, 6_150, steps);

        Assert.Equal(1, steps[0][1]);
        Assert.Equal(1, steps[0][2 + 4]);
        Assert.Equal(0, steps[1][1]);
        Assert.Equal(2, steps[2][1]);
        Assert.Equal(3, steps.Sum(s => s[1]));
    }

    [Fact]
    public void AddSeries_Minute_TenSecondStepsOnlyTheLastSixty()
    {
        var counters = new TrafficCounters();
        counters.Record(200, 0, 0, 100, nowSecond: 1_000);
        counters.Record(200, 0, 0, 100, nowSecond: 1_009);
        counters.Record(404, 0, 0, 100, nowSecond: 1_051);
        counters.Record(200, 0, 0, 100, nowSecond: 1_057);
        counters.Record(200, 0, 0, 100, nowSecond: 940);

        var steps = Steps(6);
        counters.AddSeries(TrafficWindow.Minute, 1_057, steps);

        Assert.Equal(2, steps[0][1]);
        Assert.Equal(1, steps[0][2 + 3]);
        Assert.Equal(2, steps[5][1]);
        Assert.Equal(4, steps.Sum(s => s[1]));
    }

    [Fact]
    public void Merge_TwoGateways_StepsAddByAgeAndInstancesByName()
    {
        var a = Series(current: 20, [Point(0, 3, 200), Point(2, 1, 300)], [new InstanceSeries("i1", "v1", "a:1", [Point(0, 3, 200)])]);
        var b = Series(current: 45, [Point(0, 2, 5_000)], [new InstanceSeries("i1", "v1", "a:1", [Point(0, 1, 5_000)]), new InstanceSeries("i2", "v1", "a:2", [Point(0, 1, 5_000)])]);

        var merged = TrafficSeries.Merge("demo", TrafficWindow.Hour, [a, b]);

        Assert.Equal(2, merged.Gateways);
        Assert.Equal(45, merged.CurrentSeconds);
        Assert.Equal([2, 0], merged.Points.Select(p => p.Age));
        Assert.Equal(5, merged.Points[1].Requests);
        Assert.Equal(5, merged.Points[1].Latency.Sum());
        Assert.True(merged.Points[1].PercentileMs(0.99) > 2.5);
        Assert.Equal(["i1", "i2"], merged.Instances.Select(i => i.Instance));
        Assert.Equal(4, merged.Instances[0].Points.Single().Requests);
    }

    private static long[][] Steps(int count) => [.. Enumerable.Range(0, count).Select(_ => new long[32])];

    private static TrafficSeries Series(int current, IReadOnlyList<TrafficPoint> points, IReadOnlyList<InstanceSeries> instances) =>
        new("demo", "hour", 60, current, 1, points, instances);

    private static TrafficPoint Point(int age, long requests, long micros)
    {
        var histogram = new long[LatencyBuckets.Count];
        histogram[LatencyBuckets.IndexOf(micros)] = requests;
        return new TrafficPoint(age, requests, new StatusCounts(0, requests, 0, 0, 0), requests * micros, histogram);
    }
}
