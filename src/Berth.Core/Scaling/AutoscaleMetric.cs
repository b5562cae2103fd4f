namespace Berth.Core.Scaling;

/// <summary>What an autoscale policy holds at its target.</summary>
public enum AutoscaleMetric
{
    /// <summary>Requests per second per instance, from the gateways' merged statistics.</summary>
    RequestsPerSecondPerInstance,
    /// <summary>Mean CPU % of the app's instances (100 is one CPU busy), from the engines' stats.</summary>
    CpuPercent,
    /// <summary>The p99 latency in milliseconds through the gateways.</summary>
    P99Ms,
}
