using System.Collections.ObjectModel;
using System.Diagnostics;
using Berth.ControlPlane.Telemetry;
using Berth.ControlPlane.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Trace;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests.Operations;

/// <summary>
/// A real deploy seen through telemetry: its trace (collected in memory) runs from the API request through every step
/// of the launch with app, version and instance attributes; <c>/metrics</c> counts it afterwards.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private static readonly string[] LaunchSteps = ["pull", "create", "start", "health", "register"];

    private readonly SpanLog _spans = new();
    private TracerProvider? _tracing;
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(BerthTelemetry.Name)
            .AddAspNetCoreInstrumentation()
            .AddInMemoryExporter(_spans)
            .Build();
        _berth = await BerthTestServer.StartAsync(configure: o => o.Healing.ReconcileInterval = TimeSpan.FromSeconds(2));
    }

    public async ValueTask DisposeAsync()
    {
        await _berth.DisposeAsync();
        _tracing?.Dispose();
    }

    [Fact]
    public async Task Deploy_Traced_OneTraceFromTheApiRequestThroughEveryLaunchStep()
    {
        var tenant = await _berth.TenantAsync("traced");
        var id = await DeployHelloAsync(tenant, "traced", 1);

        // Spans reach the exporter as they end; the deploy's ends just after the API shows it succeeded.
        var trace = await Poll.GetAsync(() =>
        {
            var all = _spans.Snapshot();
            var deploy = all.FirstOrDefault(s => s.OperationName == "deploy" && Tag(s, BerthTelemetry.AppTag) == id);
            return Task.FromResult(deploy is null ? null : all.Where(s => s.TraceId == deploy.TraceId).ToArray());
        }, TimeSpan.FromSeconds(30), "the deploy's span");

        var deploySpan = Assert.Single(trace, s => s.OperationName == "deploy");
        Assert.Equal("v1", Tag(deploySpan, BerthTelemetry.VersionTag));
        Assert.NotNull(Tag(deploySpan, BerthTelemetry.DeploymentTag));
        var request = Assert.Single(trace, s => s.Source.Name == "Microsoft.AspNetCore" && s.SpanId == deploySpan.ParentSpanId);
        Assert.Equal("POST", request.GetTagItem("http.request.method"));

        var place = Assert.Single(trace, s => s.OperationName == "place");
        Assert.Equal(deploySpan.SpanId, place.ParentSpanId);
        Assert.Equal(id, Tag(place, BerthTelemetry.AppTag));
        var launch = Assert.Single(trace, s => s.OperationName == "launch");
        Assert.Equal(deploySpan.SpanId, launch.ParentSpanId);
        Assert.Equal(id, Tag(launch, BerthTelemetry.AppTag));
        Assert.Equal("v1", Tag(launch, BerthTelemetry.VersionTag));
        Assert.False(string.IsNullOrEmpty(Tag(launch, BerthTelemetry.InstanceTag)));
        Assert.Equal("local", Tag(launch, BerthTelemetry.HostTag));
        foreach (var step in LaunchSteps)
        {
            var span = Assert.Single(trace, s => s.OperationName == step);
            Assert.Equal(launch.SpanId, span.ParentSpanId);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }
    }

    [Fact]
    public async Task Metrics_AfterDeploy_CountDeploymentPlacementEngineCallsAndInstances()
    {
        var tenant = await _berth.TenantAsync("counted");
        await DeployHelloAsync(tenant, "counted", 1);
        using var scraper = new HttpClient { BaseAddress = _berth.Admin.BaseAddress };

        // The instance gauge comes from the reconciler's next full read.
        var text = await Poll.GetAsync(async () =>
        {
            var body = await scraper.GetStringAsync("/metrics");
            return body.Contains("berth_instances{state=\"running\"}", StringComparison.Ordinal) ? body : null;
        }, TimeSpan.FromSeconds(60), "running instances in /metrics");

        Assert.Contains("# TYPE berth_deployments_total counter", text, StringComparison.Ordinal);
        Assert.Contains("berth_deployments_total{state=\"succeeded\"}", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE berth_deployment_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("berth_deployment_duration_seconds_bucket{state=\"succeeded\",le=\"+Inf\"}", text, StringComparison.Ordinal);
        Assert.Contains("berth_placements_total{outcome=\"placed\"}", text, StringComparison.Ordinal);
        Assert.Contains("berth_engine_call_duration_seconds_count{operation=\"create\"}", text, StringComparison.Ordinal);
        Assert.Contains("berth_app_events_total{type=\"instancestarted\"}", text, StringComparison.Ordinal);
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name) as string;

    /// <summary>The exporter's collection, safe to read while other tests' spans keep arriving.</summary>
    private sealed class SpanLog : Collection<Activity>
    {
        private readonly Lock _gate = new();

        public Activity[] Snapshot()
        {
            lock (_gate)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
