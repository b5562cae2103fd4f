using Berth.ControlPlane.Scaling;
using Berth.Core.Scaling;

namespace Berth.ControlPlane.Tests.Scaling;

/// <summary>The autoscaling rule over figures given by hand.</summary>
public sealed class AutoscaleDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    private static readonly AutoscaleOptions Options = new() { StabilizationWindow = TimeSpan.FromMinutes(5) };
    private static readonly AutoscalePolicy Rps = new("app", 1, 10, AutoscaleMetric.RequestsPerSecondPerInstance, 50, null, Now);

    [Fact]
    public void Decide_LoadAboveTarget_ScalesUpAtOnceToCeiling()
    {
        var (decision, watch) = AutoscaleDecider.Decide(Rps, 2, 130, null, Now, Options);

        Assert.Equal(6, decision.Desired);
        Assert.Null(watch);
        Assert.Contains("requests per second per instance 130 against a target of 50", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WithinTolerance_Holds()
    {
        var (decision, _) = AutoscaleDecider.Decide(Rps, 4, 54, null, Now, Options);

        Assert.False(decision.Changes);
    }

    [Fact]
    public void Decide_FarAboveTarget_BoundedByMax()
    {
        var (decision, _) = AutoscaleDecider.Decide(Rps, 5, 1000, null, Now, Options);

        Assert.Equal(10, decision.Desired);
    }

    [Fact]
    public void Decide_NoLoad_WaitsOutTheWindowThenScalesDownToMin()
    {
        var (first, watch) = AutoscaleDecider.Decide(Rps, 4, 0, null, Now, Options);
        var (during, stillWatching) = AutoscaleDecider.Decide(Rps, 4, 0, watch, Now.AddMinutes(4), Options);
        var (after, done) = AutoscaleDecider.Decide(Rps, 4, 0, stillWatching, Now.AddMinutes(5), Options);

        Assert.False(first.Changes);
        Assert.False(during.Changes);
        Assert.Equal(1, after.Desired);
        Assert.Null(done);
    }

    [Fact]
    public void Decide_LowStreakWithHigherDemandInside_ScalesDownToTheHighestWanted()
    {
        var (_, watch) = AutoscaleDecider.Decide(Rps, 6, 10, null, Now, Options);
        (_, watch) = AutoscaleDecider.Decide(Rps, 6, 40, watch, Now.AddMinutes(2), Options);
        var (after, _) = AutoscaleDecider.Decide(Rps, 6, 10, watch, Now.AddMinutes(5), Options);

        Assert.Equal(5, after.Desired);
    }

    [Fact]
    public void Decide_LoadBackDuringTheWindow_ForgetsTheStreak()
    {
        var (_, watch) = AutoscaleDecider.Decide(Rps, 4, 0, null, Now, Options);
        var (held, reset) = AutoscaleDecider.Decide(Rps, 4, 50, watch, Now.AddMinutes(1), Options);

        Assert.False(held.Changes);
        Assert.Null(reset);
    }

    [Fact]
    public void Decide_MinZeroAndNoLoad_KeepsOneInstance()
    {
        var policy = Rps with { Min = 0, IdleSeconds = 300 };

        var (decision, _) = AutoscaleDecider.Decide(policy, 3, 0, null, Now, new AutoscaleOptions { StabilizationWindow = TimeSpan.Zero });

        Assert.Equal(1, decision.Desired);
    }

    [Fact]
    public void Decide_CountAboveANewMax_ScalesDownAtOnce()
    {
        var (decision, _) = AutoscaleDecider.Decide(Rps with { Max = 3 }, 5, 50, null, Now, Options);

        Assert.Equal(3, decision.Desired);
    }

    [Fact]
    public void Decide_P99AboveTarget_ScalesInProportion()
    {
        var policy = Rps with { Metric = AutoscaleMetric.P99Ms, Target = 200 };

        var (decision, _) = AutoscaleDecider.Decide(policy, 2, 450, null, Now, Options);

        Assert.Equal(5, decision.Desired);
        Assert.Contains("p99 latency 450 ms against a target of 200 ms", decision.Reason, StringComparison.Ordinal);
    }
}
