using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Tests.Statistics;

public sealed class LatencyBucketsTests
{
    [Fact]
    public void Percentile_UniformWithinOneBucket_Interpolates()
    {
        var counts = new long[LatencyBuckets.Count];
        counts[LatencyBuckets.IndexOf(700)] = 100;

        Assert.Equal(0.75, LatencyBuckets.Percentile(counts, 0.5));
        Assert.Equal(0.995, LatencyBuckets.Percentile(counts, 0.99));
    }

    [Fact]
    public void Percentile_SlowTail_P99InTheTail()
    {
        var counts = new long[LatencyBuckets.Count];
        counts[LatencyBuckets.IndexOf(80)] = 98;
        counts[LatencyBuckets.IndexOf(40_000)] = 2;

        Assert.True(LatencyBuckets.Percentile(counts, 0.5) <= 0.1);
        Assert.InRange(LatencyBuckets.Percentile(counts, 0.99), 25, 50);
    }

    [Fact]
    public void Percentile_Empty_Zero() => Assert.Equal(0, LatencyBuckets.Percentile(new long[LatencyBuckets.Count], 0.99));

    [Fact]
    public void Merge_TwoGateways_SumsCountersAndHistogramsPerInstance()
    {
        var a = Report(("c1", 3, 200), ("c2", 1, 500));
        var b = Report(("c1", 2, 404));

        var merged = TrafficReport.Merge("demo", TrafficWindow.Minute, [a, b]);

        Assert.Equal(2, merged.Gateways);
        Assert.Equal(6, merged.Total.Requests);
        Assert.Equal(new StatusCounts(0, 3, 0, 2, 1), merged.Total.Responses);
        Assert.Equal(6, merged.Total.Latency.BucketCounts.Sum());
        Assert.Equal([5L, 1L], merged.Instances.Select(i => i.Traffic.Requests));
    }

    private static TrafficReport Report(params (string Instance, int Requests, int Status)[] instances)
    {
        var statistics = new GatewayStatistics(TimeProvider.System);
        var now = statistics.NowSecond;
        foreach (var (instance, requests, status) in instances)
        {
            var counters = statistics.ForInstance($"/caas/service/address/demo/v1/{instance}", "demo", "v1", instance, "10.0.0.1:80").Counters;
            for (var i = 0; i < requests; i++)
            {
                counters.Record(status, 1, 1, 300, now);
                statistics.ForApp("demo").Record(status, 1, 1, 300, now);
            }
        }

        return statistics.Report("demo", TrafficWindow.Minute);
    }
}
