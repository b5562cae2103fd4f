using System.Collections.Concurrent;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Gateway;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Scaling;
using Berth.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Scaling;

/// <summary>
/// Evaluates every autoscale policy each <see cref="AutoscaleOptions.Interval"/> on the leader: the figure comes from
/// the gateways' merged statistics of that interval (rate, p99) or the engines' stats (CPU), the rule from
/// <see cref="AutoscaleDecider"/>, and a change becomes an event naming its figures and a scale deployment. An app
/// with a deployment in flight is left alone until it ends.
/// </summary>
public sealed partial class Autoscaler(
    IStateStore store,
    IAutoscaleStore policies,
    GatewayStatsCollector gateways,
    InstanceMetrics metrics,
    ScaleDeployments deployments,
    AppEventRecorder events,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<Autoscaler> logger) : ILeaderWork
{
    private readonly ConcurrentDictionary<string, ScaleDownWatch> watches = new();

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
            // A new leader starts its streaks afresh: it has not seen the load they were built on.
            watches.Clear();
        }
    }

    private async Task EvaluateAllAsync(CancellationToken cancellationToken)
    {
        var all = await policies.ListAutoscalePoliciesAsync(cancellationToken);
        foreach (var gone in watches.Keys.Except(all.Select(p => p.AppId)))
        {
            watches.TryRemove(gone, out _);
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

        if (await ObserveAsync(policy, app, cancellationToken) is not { } observed)
        {
            return;
        }

        var (decision, watch) = AutoscaleDecider.Decide(policy, app.Instances, observed, watches.GetValueOrDefault(app.Id), time.GetUtcNow(), options.Value.Autoscale);
        if (watch is null)
        {
            watches.TryRemove(app.Id, out _);
        }
        else
        {
            watches[app.Id] = watch;
        }

        if (decision.Changes)
        {
            var deployment = await deployments.StartAsync(app, decision.Desired, cancellationToken);
            await events.RecordAsync(app.Id, AppEventType.Autoscaled, $"{decision.Reason} (deployment {deployment.Id})");
        }
    }

    /// <summary>The policy's figure over the last interval; null when it cannot be known now (no CPU reading yet).</summary>
    private async Task<double?> ObserveAsync(AutoscalePolicy policy, App app, CancellationToken cancellationToken)
    {
        if (policy.Metric == AutoscaleMetric.CpuPercent)
        {
            var cpu = metrics.All.Where(r => r.AppId == app.Id && r.Version == app.ActiveVersion).Select(r => r.Usage.CpuPercent).ToList();
            return cpu.Count == 0 ? null : cpu.Average();
        }

        var seconds = (int)Math.Clamp(Math.Round(options.Value.Autoscale.Interval.TotalSeconds), 1, 59);
        var (report, _) = await gateways.CollectRecentAsync(app.Id, seconds, cancellationToken);
        if (report.Gateways == 0)
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
