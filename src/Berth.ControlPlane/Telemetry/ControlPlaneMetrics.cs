using System.Diagnostics.Metrics;
using Berth.Core.Events;
using Berth.Core.Instances;

namespace Berth.ControlPlane.Telemetry;

/// <summary>
/// What the control plane counts, named as Prometheus shows them (counters gain <c>_total</c>). Reconcile corrections
/// and health failures are the app events of those kinds, so the metric and the event log never disagree.
/// </summary>
internal static class ControlPlaneMetrics
{
    // Seconds, from a quick engine call to a deployment of many instances.
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private static readonly Counter<long> Deployments = BerthTelemetry.Meter.CreateCounter<long>(
        "berth_deployments", description: "Deployments finished, by final state.");

    private static readonly Histogram<double> DeploymentSeconds = BerthTelemetry.Meter.CreateHistogram(
        "berth_deployment_duration_seconds", unit: "s", description: "From a deployment's creation to its end, by final state.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Counter<long> Placements = BerthTelemetry.Meter.CreateCounter<long>(
        "berth_placements", description: "Placement requests, by outcome (placed, refused).");

    private static readonly Counter<long> StaleCommits = BerthTelemetry.Meter.CreateCounter<long>(
        "berth_placement_stale_commits", description: "Placement commits refused because a host moved on since the snapshot.");

    private static readonly Counter<long> AppEvents = BerthTelemetry.Meter.CreateCounter<long>(
        "berth_app_events", description: "App events recorded, by type: reconciled and adopted are reconcile corrections, unhealthy is a failed health check.");

    private static readonly Counter<long> ProbeFailures = BerthTelemetry.Meter.CreateCounter<long>(
        "berth_health_probe_failures", description: "Health probes of instances that failed (an instance turns unhealthy after several).");

    private static readonly Histogram<double> EngineCalls = BerthTelemetry.Meter.CreateHistogram(
        "berth_engine_call_duration_seconds", unit: "s", description: "Container engine calls on the launch and retire paths, by operation.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static volatile IReadOnlyDictionary<InstanceState, int> _instancesByState = new Dictionary<InstanceState, int>();

    static ControlPlaneMetrics() =>
        BerthTelemetry.Meter.CreateObservableGauge("berth_instances", ObserveInstances,
            description: "Instances by state, as the leader's last reconcile pass read them.");

    public static void DeploymentFinished(string state, TimeSpan duration)
    {
        Deployments.Add(1, new KeyValuePair<string, object?>("state", state));
        DeploymentSeconds.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("state", state));
    }

    public static void Placed(bool placed, int staleCommits)
    {
        Placements.Add(1, new KeyValuePair<string, object?>("outcome", placed ? "placed" : "refused"));
        if (staleCommits > 0)
        {
            StaleCommits.Add(staleCommits);
        }
    }

    public static void EventRecorded(AppEventType type) =>
        AppEvents.Add(1, new KeyValuePair<string, object?>("type", type.ToString().ToLowerInvariant()));

    public static void ProbeFailed() => ProbeFailures.Add(1);

    public static void EngineCall(string operation, TimeSpan duration) =>
        EngineCalls.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Takes the counts of the reconciler's full read, so the gauge costs no query of its own.</summary>
    public static void InstancesRead(IEnumerable<Instance> instances) =>
        _instancesByState = instances.GroupBy(i => i.State).ToDictionary(g => g.Key, g => g.Count());

    private static IEnumerable<Measurement<int>> ObserveInstances() =>
        _instancesByState.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("state", s.Key.ToString().ToLowerInvariant())));
}
