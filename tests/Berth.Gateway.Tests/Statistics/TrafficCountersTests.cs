using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Tests.Statistics;

public sealed class TrafficCountersTests
{
    [Fact]
    public void AddWindow_RequestsOverTime_MinuteHoldsLastSixtySecondsHourLastSixtyMinutes()
    {
        var counters = new TrafficCounters();
        counters.Record(200, 10, 100, 500, nowSecond: 1_000);
        counters.Record(404, 10, 50, 1_500, nowSecond: 1_030);
        counters.Record(503, 10, 20, 20_000, nowSecond: 1_070);

        var minute = Totals(counters, TrafficWindow.Minute, 1_070);
        var hour = Totals(counters, TrafficWindow.Hour, 1_070);

        Assert.Equal(2, minute.Requests);
        Assert.Equal(new StatusCounts(0, 0, 0, 1, 1), minute.Responses);
        Assert.Equal(3, hour.Requests);
        Assert.Equal(30, hour.BytesIn);
        Assert.Equal(170, hour.BytesOut);
        Assert.Equal(0, Totals(counters, TrafficWindow.Hour, 1_000 + 3_700).Requests);
    }

    [Fact]
    public void AddRecent_RequestsOverTime_CountsOnlyTheWholeSecondsAsked()
    {
        var counters = new TrafficCounters();
        counters.Record(200, 0, 0, 100, nowSecond: 1_000);
        counters.Record(200, 0, 0, 100, nowSecond: 1_007);
        counters.Record(200, 0, 0, 100, nowSecond: 1_009);
        counters.Record(200, 0, 0, 100, nowSecond: 1_010);

        var recent = new long[CounterSlot.Size];
        counters.AddRecent(1_010, 5, recent);

        // Seconds 1005-1009: the current second (1010) is still filling and 1000 is too old.
        Assert.Equal(2, recent[CounterSlot.Requests]);
    }

    [Fact]
    public void Record_SlotReusedSixtySecondsLater_CountsOnlyTheNewSecond()
    {
        var counters = new TrafficCounters();
        counters.Record(200, 0, 0, 100, nowSecond: 500);
        counters.Record(200, 0, 0, 100, nowSecond: 560);

        Assert.Equal(1, Totals(counters, TrafficWindow.Minute, 560).Requests);
        var total = new long[32];
        counters.AddTotal(total);
        Assert.Equal(2, total[1]);
    }

    [Fact]
    public async Task Record_ConcurrentWriters_NoCountLost()
    {
        var counters = new TrafficCounters();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                counters.Record(200, 1, 2, 100, nowSecond: 7_000 + (i / 10_000));
            }
        })));

        var hour = Totals(counters, TrafficWindow.Hour, 7_004);
        Assert.Equal(200_000, hour.Requests);
        Assert.Equal(200_000, Totals(counters, TrafficWindow.Minute, 7_004).Requests);
        Assert.Equal(400_000, hour.BytesOut);
    }

    private static TrafficTotals Totals(TrafficCounters counters, TrafficWindow window, long now)
    {
        var slot = new long[32];
        counters.AddWindow(window, now, slot);
        return CounterSlot.Totals(slot);
    }
}
