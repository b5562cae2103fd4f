using System.Collections.Concurrent;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Gateway;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Scaling;
using Berth.Core.State;
using Berth.Core.Traffic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Scaling;

/// <summary>
/// Evaluates every autoscale policy each <see cref="AutoscaleOptions.Interval"/> on the leader: the figure comes from
/// the gateways' merged statistics of that interval (rate, p99) or the engines' stats (CPU), the rule from
/// <see cref="AutoscaleDecider"/>, and a change becomes an event naming its figures and a scale deployment. An app
/// with a deployment in flight is left alone until it ends. With min 0, an app no gateway saw a request for in its
/// policy's idle seconds is put to sleep (<see cref="SleepCycle"/>).
/// </summary>
internal sealed partial class Autoscaler(
    IStateStore store,
    IAutoscaleStore policies,
    GatewayStatsCollector gateways,
    InstanceMetrics metrics,
    ScaleDeployments deployments,
    SleepCycle sleep,
    AppEventRecorder events,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<Autoscaler> logger) : ILeaderWork
{
    private readonly ConcurrentDictionary<string, ScaleDownWatch> _watches = new();

    // When a gateway last saw a request for each app that may sleep (or when this leader started watching it).
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRequests = new();

    public string Name => "autoscaler";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await EvaluateAllAsync(cancellationToken);
                await Task.Delay(options.Value.Autoscale.Interval, time, cancellationToken);
            }
        }
        finally
        {
            // A new leader starts its streaks afresh: it has not seen the load they were built on (nor the idleness).
            _watches.Clear();
            _lastRequests.Clear();
        }
    }

    private async Task EvaluateAllAsync(CancellationToken cancellationToken)
    {
        var all = await policies.ListAutoscalePoliciesAsync(cancellationToken);
        foreach (var gone in _watches.Keys.Except(all.Select(p => p.AppId)))
        {
            _watches.TryRemove(gone, out _);
        }

        foreach (var gone in _lastRequests.Keys.Except(all.Where(p => p.Min == 0).Select(p => p.AppId)))
        {
            _lastRequests.TryRemove(gone, out _);
        }

        foreach (var policy in all)
        {
            try
            {
                await EvaluateAsync(policy, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogEvaluationFailed(logger, e, policy.AppId);
            }
        }
    }

    private async Task EvaluateAsync(AutoscalePolicy policy, CancellationToken cancellationToken)
    {
        if (await store.GetAppAsync(policy.AppId, cancellationToken) is not { ActiveVersion: not null, Instances: > 0 } app
            || await deployments.InFlightAsync(app.Id, cancellationToken))
        {
            return;
        }

        var seconds = (int)Math.Clamp(Math.Round(options.Value.Autoscale.Interval.TotalSeconds), 1, 59);
        var recent = policy.Metric != AutoscaleMetric.CpuPercent || policy.Min == 0
            ? await gateways.CollectRecentAsync(app.Id, seconds, cancellationToken)
            : default;
        if (policy is { Min: 0, IdleSeconds: { } idleSeconds } && IdleFor(app.Id, recent.Report, recent.Unreachable) is { } idle
            && idle >= TimeSpan.FromSeconds(idleSeconds))
        {
            _lastRequests.TryRemove(app.Id, out _);
            _watches.TryRemove(app.Id, out _);
            await sleep.SleepAsync(app, idle, cancellationToken);
            return;
        }

        if (Observe(policy, app, recent.Report, seconds) is not { } observed)
        {
            return;
        }

        var (decision, watch) = AutoscaleDecider.Decide(policy, app.Instances, observed, _watches.GetValueOrDefault(app.Id), time.GetUtcNow(), options.Value.Autoscale);
        if (watch is null)
        {
            _watches.TryRemove(app.Id, out _);
        }
        else
        {
            _watches[app.Id] = watch;
        }

        if (decision.Changes)
        {
            var deployment = await deployments.StartAsync(app, decision.Desired, cancellationToken);
            await events.RecordAsync(app.Id, AppEventType.Autoscaled, $"{decision.Reason} (deployment {deployment.Id})");
        }
    }

    /// <summary>
    /// How long no gateway has seen a request for the app, from the last interval's merged report; null when that
    /// cannot be told (no gateway, or one did not answer: its traffic is unknown).
    /// </summary>
    private TimeSpan? IdleFor(string appId, TrafficReport? report, IReadOnlyList<string>? unreachable)
    {
        if (report is not { Gateways: > 0 } || unreachable is not { Count: 0 })
        {
            return null;
        }

        var now = time.GetUtcNow();
        var last = report.Total.Requests > 0 ? _lastRequests[appId] = now : _lastRequests.GetOrAdd(appId, now);
        return now - last;
    }

    /// <summary>The policy's figure over the last interval; null when it cannot be known now (no CPU reading yet, no gateway).</summary>
    private double? Observe(AutoscalePolicy policy, App app, TrafficReport? report, int seconds)
    {
        if (policy.Metric == AutoscaleMetric.CpuPercent)
        {
            var cpu = metrics.All.Where(r => r.AppId == app.Id && r.Version == app.ActiveVersion).Select(r => r.Usage.CpuPercent).ToList();
            return cpu.Count == 0 ? null : cpu.Average();
        }

        if (report is not { Gateways: > 0 })
        {
            return null;
        }

        return policy.Metric == AutoscaleMetric.P99Ms
            ? report.Total.Latency.P99Ms
            : report.Total.Requests / (double)seconds / app.Instances;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluating the autoscale policy of {AppId} failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string appId);
}
