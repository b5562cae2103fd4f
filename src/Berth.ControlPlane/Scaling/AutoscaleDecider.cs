using System.Globalization;
using Berth.Core.Scaling;

namespace Berth.ControlPlane.Scaling;

/// <summary>
/// The autoscaling rule, pure: desired = ceil(current × observed / target) within min and max (at least one: only
/// idleness puts an app to sleep); observed within the tolerance of the target holds the count; more instances are
/// wanted at once, fewer only once every evaluation of the stabilization window wanted fewer (then the most of them).
/// </summary>
internal static class AutoscaleDecider
{
    /// <summary>The decision for <paramref name="current"/> instances and the figure observed, and the scale-down streak after it.</summary>
    public static (AutoscaleDecision Decision, ScaleDownWatch? Watch) Decide(
        AutoscalePolicy policy, int current, double observed, ScaleDownWatch? watch, DateTimeOffset now, AutoscaleOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        var floor = Math.Max(policy.Min, 1);
        var figures = Figures(policy, current, observed);
        var withinTolerance = Math.Abs(observed / policy.Target - 1) <= options.Tolerance;
        var wanted = withinTolerance ? current : (int)Math.Ceiling(current * observed / policy.Target);
        var desired = Math.Clamp(wanted, floor, policy.Max);

        if (desired > current)
        {
            return (new AutoscaleDecision(current, desired, $"scaling up from {current} to {desired}: {figures}"), null);
        }

        if (desired == current)
        {
            return (new AutoscaleDecision(current, current, $"holding {current}: {figures}"), null);
        }

        // A count above max (the policy just changed) goes down at once; load going away waits out the window.
        if (current > policy.Max)
        {
            return (new AutoscaleDecision(current, desired, $"scaling down from {current} to {desired}, the policy's max: {figures}"), null);
        }

        watch = watch is null ? new ScaleDownWatch(now, desired) : watch with { Highest = Math.Max(watch.Highest, desired) };
        if (now - watch.Since < options.StabilizationWindow)
        {
            return (new AutoscaleDecision(current, current, $"holding {current}, {desired} wanted since {watch.Since:HH:mm:ss}: {figures}"), watch);
        }

        var to = watch.Highest;
        var window = options.StabilizationWindow.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        return to < current
            ? (new AutoscaleDecision(current, to, $"scaling down from {current} to {to} after {window} s lower: {figures}"), null)
            : (new AutoscaleDecision(current, current, $"holding {current}: {figures}"), null);
    }

    /// <summary>The figures a decision names: what was observed against what target, and the bounds.</summary>
    public static string Figures(AutoscalePolicy policy, int current, double observed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var (what, unit) = Describe(policy.Metric);
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} {observed:0.##}{unit} against a target of {policy.Target:0.##}{unit} with {current} instance(s) (min {policy.Min}, max {policy.Max})");
    }

    private static (string What, string Unit) Describe(AutoscaleMetric metric) => metric switch
    {
        AutoscaleMetric.RequestsPerSecondPerInstance => ("requests per second per instance", ""),
        AutoscaleMetric.CpuPercent => ("mean CPU", " %"),
        _ => ("p99 latency", " ms"),
    };
}
