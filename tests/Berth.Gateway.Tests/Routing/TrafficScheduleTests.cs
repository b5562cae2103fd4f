using Berth.Gateway.Routing;

namespace Berth.Gateway.Tests.Routing;

public sealed class TrafficScheduleTests
{
    [Fact]
    public void Build_NinetyTen_NineToOneInterleaved()
    {
        var schedule = TrafficSchedule.Build([90, 10]);

        Assert.Equal(10, schedule.Length);
        Assert.Equal(9, schedule.Count(i => i == 0));
        Assert.Equal(1, schedule.Count(i => i == 1));
    }

    [Fact]
    public void Build_SmoothWeights_NoLongRuns()
    {
        var schedule = TrafficSchedule.Build([5, 1, 1]);

        Assert.Equal([0, 0, 1, 0, 2, 0, 0], schedule);
    }

    [Fact]
    public void Build_ZeroWeight_NeverPicked() => Assert.DoesNotContain(1, TrafficSchedule.Build([3, 0, 2]));

    [Fact]
    public void Build_AllZero_Empty() => Assert.Empty(TrafficSchedule.Build([0, 0]));

    [Fact]
    public void Build_HugeCoprimeWeights_CappedKeepingProportions()
    {
        var schedule = TrafficSchedule.Build([999_999, 1]);

        Assert.InRange(schedule.Length, 1, 1001);
        Assert.Contains(1, schedule);
    }
}
