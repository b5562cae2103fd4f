namespace Berth.ControlPlane.Telemetry;

/// <summary>
/// The control plane's own metrics (<see cref="BerthTelemetry.Meter"/>) in Prometheus text, appended to <c>/metrics</c>.
/// The hosting provides it from the OpenTelemetry SDK's aggregation; without one, <c>/metrics</c> shows the instance gauges only.
/// </summary>
public interface IMetricsScrape
{
    /// <summary>Collects now and returns the text exposition (format 0.0.4).</summary>
    string Collect();
}
