using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Berth.ControlPlane.Telemetry;

/// <summary>
/// The control plane's trace source and meter. Both cost nothing until something listens: the hosting subscribes its
/// exporters (OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the Prometheus text of <c>/metrics</c> always).
/// </summary>
public static class BerthTelemetry
{
    public const string Name = "Berth.ControlPlane";

    /// <summary>Span attributes, named after the OpenTelemetry convention of a namespace prefix.</summary>
    public const string AppTag = "berth.app";
    public const string VersionTag = "berth.version";
    public const string InstanceTag = "berth.instance";
    public const string HostTag = "berth.host";
    public const string DeploymentTag = "berth.deployment";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    /// <summary>Marks the span failed with the reason, as the OpenTelemetry status says.</summary>
    internal static void Fail(this Activity? activity, Exception e) => activity?.SetStatus(ActivityStatusCode.Error, e.Message);
}
