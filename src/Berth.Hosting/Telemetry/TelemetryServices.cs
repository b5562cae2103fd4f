using Berth.ControlPlane.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Berth.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for the control plane: its metrics always (for <c>/metrics</c>), and over OTLP — traces of API requests
/// and deploys, and the metrics — when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the SDK reads the standard
/// <c>OTEL_*</c> variables for the rest). Without an endpoint no span is made at all.
/// </summary>
internal static class TelemetryServices
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddBerthTelemetry(this IServiceCollection services)
    {
        var otlp = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        var scrape = new MetricsScrape();
        services.AddSingleton<IMetricsScrape>(scrape);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("berth"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BerthTelemetry.Name).AddReader(scrape.Reader);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(BerthTelemetry.Name)
                .AddAspNetCoreInstrumentation(asp => asp.Filter = context => context.Request.Path.StartsWithSegments("/v1"))
                .AddOtlpExporter());
        }

        return services;
    }
}
