using Berth.ControlPlane.Reconciliation;
using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.Scheduling.Constraints;
using Berth.Scheduling.Placement;
using Berth.Discovery.Gateway;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Deployments;

/// <summary>
/// Carries out one deployment. A new version rolls out by starting and registering every new instance
/// before any old one leaves. A deployment of the active version reconciles it: it scales to the wanted count
/// (for a global app, one instance per eligible host) and moves instances off hosts the app may no longer use
/// (drained, or no longer matching its constraints), the canary's among them, new ones started before old ones stop.
/// On failure everything the deployment started is removed and what served before keeps serving. A canary deployment
/// starts its version beside the active one (<c>DeploymentRunner.Canary.cs</c>); a rolling deployment of the canary
/// version promotes it.
/// </summary>
public sealed partial class DeploymentRunner(
    IStateStore store,
    InstanceLauncher launcher,
    InstanceRetirer retirer,
    Placer placer,
    Scheduler scheduler,
    GatewaySettingsPublisher gatewayPublisher,
    IGatewaySettingsStore gatewaySettings,
    IOptions<BerthOptions> options,
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

        try
        {
            var app = await store.GetAppAsync(appId, cancellationToken) ?? throw new DeploymentFailedException($"app {appId} was deleted");
            var existing = await store.ListInstancesAsync(appId, cancellationToken);
            var scaling = deployment.Version == app.ActiveVersion && deployment.Strategy == DeploymentStrategy.Rolling;
            var what = app.Placement.Global ? "one instance per eligible host" : $"{deployment.Instances} instance(s)";
            deployment = await SetAsync(deployment, DeploymentState.Running, scaling
                ? $"reconciling {deployment.Version} to {what}"
                : $"starting {what} of {deployment.Version}{(deployment.Strategy == DeploymentStrategy.Canary ? " as a canary" : "")}", cancellationToken);
            deployment = deployment.Strategy == DeploymentStrategy.Canary
                ? await RunCanaryAsync(app, deployment, existing, cancellationToken)
                : scaling
                    ? await ReconcileAsync(app, deployment, existing, cancellationToken)
                    : await RollOutAsync(app, deployment, existing, cancellationToken);

            await SetAsync(deployment, DeploymentState.Succeeded, deployment.Reason, CancellationToken.None);
        }
        catch (DeploymentFailedException e)
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
        var missing = deployment.Instances - promoted.Count;
        var reserved = app.Placement.Global
            ? await launcher.ReserveGlobalAsync(app, deployment, cancellationToken)
            : missing > 0 ? await launcher.ReserveAsync(app, deployment, missing, cancellationToken) : [];
        deployment = deployment with { Instances = promoted.Count + reserved.Count };
        await StartAllAsync(app, reserved, cancellationToken);
        await store.UpdateAppAsync(app with
        {
            ActiveVersion = deployment.Version,
            PreviousVersion = app.ActiveVersion ?? app.PreviousVersion,
            Instances = deployment.Instances,
            CanaryVersion = null,
            CanaryInstances = 0,
        }, cancellationToken);
        CrashPoints.Hit(CrashPoints.RolloutActivated);

        // Gateways send the app's traffic to its active version (both versions are registered until the old one retires).
        await gatewayPublisher.PublishActiveVersionAsync(app.Id, deployment.Version, cancellationToken);
        var retiring = existing.Except(promoted).ToList();
        deployment = await SetAsync(deployment, DeploymentState.Running, promoting
            ? $"{deployment.Instances} instance(s) serving, {promoted.Count} of them promoted from the canary; retiring {retiring.Count} old"
            : $"{deployment.Instances} new instance(s) serving; retiring {retiring.Count} old", cancellationToken);
        await retirer.RetireAsync(retiring, Drain(app), cancellationToken);
        if (promoting && app.ActiveVersion is { } replaced)
        {
            // The split that tried the canary out names a version that no longer runs: the promoted one takes its place.
            await DropFromTrafficSplitAsync(app.Id, replaced, cancellationToken);
        }

        return deployment;
    }

    private async Task<Deployment> ReconcileAsync(App app, Deployment deployment, IReadOnlyList<Instance> existing, CancellationToken cancellationToken)
    {
        var current = existing.Where(i => i.Version == deployment.Version).OrderBy(i => i.CreatedAt).ToList();
        var ineligible = await IneligibleHostsAsync(app, deployment.Version, cancellationToken);
        var moving = current.Where(i => ineligible.ContainsKey(i.HostName)).ToList();
        var staying = current.Except(moving).ToList();

        IReadOnlyList<Instance> reserved;
        List<Instance> surplus;
        if (app.Placement.Global)
        {
            reserved = await launcher.ReserveGlobalAsync(app, deployment, cancellationToken);
            var perHost = staying.GroupBy(i => i.HostName).ToList();
            surplus = [.. perHost.SelectMany(g => g.Skip(1))];
            deployment = deployment with { Instances = perHost.Count + reserved.Count };
        }
        else
        {
            var missing = deployment.Instances - staying.Count;
            reserved = missing > 0 ? await launcher.ReserveAsync(app, deployment, missing, cancellationToken) : [];
            surplus = [.. staying.Skip(deployment.Instances)];
        }

        var (canariesMoving, canaryReplacements) = await ReserveCanaryMovesAsync(app, deployment, existing, ineligible, reserved, cancellationToken);
        await StartAllAsync(app, [.. reserved, .. canaryReplacements], cancellationToken);
        await store.UpdateAppAsync(app with { Instances = deployment.Instances }, cancellationToken);
        List<Instance> moved = [.. moving, .. canariesMoving];
        if (moved.Count > 0)
        {
            var from = string.Join("; ", moved.Select(i => i.HostName).Distinct().Select(h => $"{h} ({ineligible[h]})"));
            var canaries = canariesMoving.Count > 0 ? $", {canariesMoving.Count} of them of the canary {app.CanaryVersion}" : "";
            deployment = await SetAsync(deployment, DeploymentState.Running, $"moved {moved.Count} instance(s) off {from}{canaries}", cancellationToken);
        }

        await retirer.RetireAsync([.. moved, .. surplus], Drain(app), cancellationToken);
        return deployment;
    }

    /// <summary>The hosts the app may not use now, each with the reason.</summary>
    private async Task<Dictionary<string, string>> IneligibleHostsAsync(App app, string version, CancellationToken cancellationToken)
    {
        PlacementRequest request;
        try
        {
            request = PlacementRequest.For(app, version);
        }
        catch (ConstraintFormatException e)
        {
            throw new DeploymentFailedException(e.Message, e);
        }

        var snapshot = await placer.ReadSnapshotAsync(request, cancellationToken);
        return scheduler.Ineligible(snapshot, request).ToDictionary(r => r.Host, r => r.Reason);
    }

    /// <summary>Starts every reserved instance; if any fails, removes every one of them and fails.</summary>
    private async Task StartAllAsync(App app, IReadOnlyList<Instance> reserved, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(options.Value.LaunchParallelism);
        var started = new List<Instance>();
        var failures = new List<Exception>();
        await Task.WhenAll(reserved.Select(async instance =>
        {
            try
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var running = await launcher.StartAsync(app, instance, cancellationToken);
                    lock (started)
                    {
                        started.Add(running);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (Exception e)
            {
                lock (started)
                {
                    failures.Add(e);
                }
                await launcher.CleanUpAsync(instance.Id, CancellationToken.None);
            }
        }));

        if (failures.Count == 0)
        {
            return;
        }

        await retirer.RetireAsync(started, Drain(app), CancellationToken.None);
        var first = failures.OfType<DeploymentFailedException>().FirstOrDefault() ?? failures[0];
        if (first is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw first;
        }

        throw first as DeploymentFailedException ?? new DeploymentFailedException(first.Message, first);
    }

    private static TimeSpan Drain(App app) => TimeSpan.FromSeconds(app.DrainSeconds);

    private async Task<Deployment> SetAsync(Deployment deployment, DeploymentState state, string? reason, CancellationToken cancellationToken)
    {
        deployment = deployment with { State = state, Reason = reason, UpdatedAt = time.GetUtcNow() };
        await store.UpdateDeploymentAsync(deployment, cancellationToken);
        return deployment;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deployment {DeploymentId} of {AppId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string appId, string deploymentId);
}
