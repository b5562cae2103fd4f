using System.Diagnostics;
using Berth.ControlPlane.Telemetry;
using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.Discovery.Gateway;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Deployments;

/// <summary>
/// Decides what one deployment runs and retires, and hands it to the <see cref="PlanExecutor"/>. A new version rolls out
/// by starting and registering every new instance before any old one leaves. A deployment of the active version
/// reconciles it: it scales to the wanted count (for a global app, one instance per eligible host) and moves instances
/// off hosts the app may no longer use (drained, or no longer matching its constraints), the canary's among them, new
/// ones started before old ones stop. On failure the executor has removed everything the deployment started and what
/// served before keeps serving. A canary deployment starts its version beside the active one
/// (<c>DeploymentRunner.Canary.cs</c>); a rolling deployment of the canary version promotes it. A restart rolls the active
/// version out again as a new version would be.
/// </summary>
public sealed partial class DeploymentRunner(
    IStateStore store,
    PlanExecutor executor,
    GatewayTraffic traffic,
    ICrashPoints crash,
    TimeProvider time,
    ILogger<DeploymentRunner> logger)
{
    public async Task RunAsync(string appId, string deploymentId, CancellationToken cancellationToken)
    {
        var deployment = await store.GetDeploymentAsync(appId, deploymentId, cancellationToken);
        if (deployment is null)
        {
            return;
        }

        // A child of the API request that asked for it: the coordinator's task carries the request's context.
        using var activity = BerthTelemetry.Source.StartActivity("deploy");
        activity?.SetTag(BerthTelemetry.AppTag, appId);
        activity?.SetTag(BerthTelemetry.VersionTag, deployment.Version);
        activity?.SetTag(BerthTelemetry.DeploymentTag, deploymentId);
        try
        {
            var app = await store.GetAppAsync(appId, cancellationToken) ?? throw new DeploymentFailedException($"app {appId} was deleted");
            var existing = await store.ListInstancesAsync(appId, cancellationToken);
            var scaling = deployment.Version == app.ActiveVersion && deployment.Strategy == DeploymentStrategy.Rolling;
            var what = app.Placement.Global ? "one instance per eligible host" : $"{deployment.Instances} instance(s)";
            deployment = await SetAsync(deployment, DeploymentState.Running, scaling
                ? $"reconciling {deployment.Version} to {what}"
                : $"{(deployment.Strategy == DeploymentStrategy.Restart ? "restarting" : "starting")} {what} of {deployment.Version}{(deployment.Strategy == DeploymentStrategy.Canary ? " as a canary" : "")}", cancellationToken);
            deployment = deployment.Strategy == DeploymentStrategy.Canary
                ? await RunCanaryAsync(app, deployment, existing, cancellationToken)
                : scaling
                    ? await ReconcileAsync(app, deployment, existing, cancellationToken)
                    : await RollOutAsync(app, deployment, existing, cancellationToken);

            await SetAsync(deployment, DeploymentState.Succeeded, deployment.Reason, CancellationToken.None);
        }
        catch (Exception e) when (e is DeploymentFailedException or LaunchFailedException)
        {
            await SetAsync(deployment, DeploymentState.Failed, e.Message, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SetAsync(deployment, DeploymentState.Failed, "Berth stopped before the deployment finished", CancellationToken.None);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, appId, deploymentId);
            await SetAsync(deployment, DeploymentState.Failed, $"unexpected error: {e.Message}", CancellationToken.None);
        }
    }

    private async Task<Deployment> RollOutAsync(App app, Deployment deployment, IReadOnlyList<Instance> existing, CancellationToken cancellationToken)
    {
        // Promoting the canary: its serving instances count toward the new active version's, only the rest start.
        var promoting = deployment.Version == app.CanaryVersion;
        List<Instance> promoted = promoting
            ? [.. existing.Where(i => i.Version == deployment.Version && i.State == InstanceState.Running).Take(deployment.Instances)]
            : [];
        var started = await executor.ApplyAsync(Launch(app, deployment, deployment.Instances - promoted.Count), cancellationToken);
        deployment = deployment with { Instances = promoted.Count + started.Count };
        await store.UpdateAppAsync(app with
        {
            ActiveVersion = deployment.Version,
            // A restart of the active version leaves the rollback target where it was.
            PreviousVersion = app.ActiveVersion == deployment.Version ? app.PreviousVersion : app.ActiveVersion ?? app.PreviousVersion,
            Instances = deployment.Instances,
            CanaryVersion = null,
            CanaryInstances = 0,
        }, cancellationToken);
        crash.Hit(CrashSteps.RolloutActivated);

        // Gateways send the app's traffic to its active version (both versions are registered until the old one retires).
        await traffic.PublishActiveVersionAsync(app.Id, deployment.Version, cancellationToken);
        var retiring = existing.Except(promoted).ToList();
        deployment = await SetAsync(deployment, DeploymentState.Running, promoting
            ? $"{deployment.Instances} instance(s) serving, {promoted.Count} of them promoted from the canary; retiring {retiring.Count} old"
            : $"{deployment.Instances} new instance(s) serving; retiring {retiring.Count} old", cancellationToken);
        await executor.RetireAsync(retiring, Drain(app), cancellationToken);
        if (promoting && app.ActiveVersion is { } replaced)
        {
            // The split that tried the canary out names a version that no longer runs: the promoted one takes its place.
            await traffic.DropFromSplitAsync(app.Id, replaced, cancellationToken);
        }

        return deployment;
    }

    private async Task<Deployment> ReconcileAsync(App app, Deployment deployment, IReadOnlyList<Instance> existing, CancellationToken cancellationToken)
    {
        var current = existing.Where(i => i.Version == deployment.Version).OrderBy(i => i.CreatedAt).ToList();
        var ineligible = await executor.IneligibleHostsAsync(app, deployment.Version, cancellationToken);
        var moving = current.Where(i => ineligible.ContainsKey(i.HostName)).ToList();
        var staying = current.Except(moving).ToList();
        var perHost = staying.GroupBy(i => i.HostName).ToList();
        List<Instance> surplus = app.Placement.Global ? [.. perHost.SelectMany(g => g.Skip(1))] : [.. staying.Skip(deployment.Instances)];

        // The canary's instances on hosts the app may no longer use move too: no deployment of the canary's own version can
        // move them (a rolling one would promote it, a canary one counts them where they are). Their replacements carry the
        // canary's version, so discovery registers them under it and the traffic split still applies.
        List<Instance> canariesMoving = app.CanaryVersion is { } canary ? [.. existing.Where(i => i.Version == canary && ineligible.ContainsKey(i.HostName))] : [];
        var launches = new List<LaunchRequest> { Launch(app, deployment, deployment.Instances - staying.Count) };
        if (canariesMoving.Count > 0)
        {
            launches.Add(new LaunchRequest(app, app.CanaryVersion!, canariesMoving.Count, deployment.Id));
        }

        var started = await executor.ApplyAsync(launches, cancellationToken);
        if (app.Placement.Global)
        {
            deployment = deployment with { Instances = perHost.Count + started.Count };
        }

        await store.UpdateAppAsync(app with { Instances = deployment.Instances }, cancellationToken);
        List<Instance> moved = [.. moving, .. canariesMoving];
        if (moved.Count > 0)
        {
            var from = string.Join("; ", moved.Select(i => i.HostName).Distinct().Select(h => $"{h} ({ineligible[h]})"));
            var canaries = canariesMoving.Count > 0 ? $", {canariesMoving.Count} of them of the canary {app.CanaryVersion}" : "";
            deployment = await SetAsync(deployment, DeploymentState.Running, $"moved {moved.Count} instance(s) off {from}{canaries}", cancellationToken);
        }

        await executor.RetireAsync([.. moved, .. surplus], Drain(app), cancellationToken);
        return deployment;
    }

    /// <summary>The deployment's version, <paramref name="missing"/> more (for a global app: on every eligible host without one).</summary>
    private static LaunchRequest Launch(App app, Deployment deployment, int missing) =>
        new(app, deployment.Version, Math.Max(missing, 0), deployment.Id);

    private static TimeSpan Drain(App app) => TimeSpan.FromSeconds(app.DrainSeconds);

    private async Task<Deployment> SetAsync(Deployment deployment, DeploymentState state, string? reason, CancellationToken cancellationToken)
    {
        deployment = deployment with { State = state, Reason = reason, UpdatedAt = time.GetUtcNow() };
        await store.UpdateDeploymentAsync(deployment, cancellationToken);
        if (state is DeploymentState.Succeeded or DeploymentState.Failed)
        {
            ControlPlaneMetrics.DeploymentFinished(state.ToString().ToLowerInvariant(), deployment.UpdatedAt - deployment.CreatedAt);
            if (state == DeploymentState.Failed)
            {
                Activity.Current?.SetStatus(ActivityStatusCode.Error, reason);
            }
        }

        return deployment;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deployment {DeploymentId} of {AppId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string appId, string deploymentId);
}
