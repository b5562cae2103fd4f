using Berth.ControlPlane.Reconciliation;
using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Deployments;

/// <summary>
/// Carries out one deployment. A new version rolls out by starting and registering every new instance
/// before any old one leaves; a deployment of the active version scales it. On failure everything the
/// deployment started is removed and what served before keeps serving.
/// </summary>
public sealed partial class DeploymentRunner(
    IStateStore store,
    InstanceLauncher launcher,
    InstanceRetirer retirer,
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
            var scaling = deployment.Version == app.ActiveVersion;
            deployment = await SetAsync(deployment, DeploymentState.Running, scaling
                ? $"scaling {deployment.Version} to {deployment.Instances} instance(s)"
                : $"starting {deployment.Instances} instance(s) of {deployment.Version}", cancellationToken);
            if (scaling)
            {
                await ScaleAsync(app, deployment, existing, cancellationToken);
            }
            else
            {
                await RollOutAsync(app, deployment, existing, cancellationToken);
            }

            await SetAsync(deployment, DeploymentState.Succeeded, null, CancellationToken.None);
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

    private async Task RollOutAsync(App app, Deployment deployment, IReadOnlyList<Instance> existing, CancellationToken cancellationToken)
    {
        await LaunchAsync(app, deployment, deployment.Instances, cancellationToken);
        await store.UpdateAppAsync(app with
        {
            ActiveVersion = deployment.Version,
            PreviousVersion = app.ActiveVersion ?? app.PreviousVersion,
            Instances = deployment.Instances,
        }, cancellationToken);
        CrashPoints.Hit(CrashPoints.RolloutActivated);

        await SetAsync(deployment, DeploymentState.Running, $"{deployment.Instances} new instance(s) serving; retiring {existing.Count} old", cancellationToken);
        await retirer.RetireAsync(existing, Drain(app), cancellationToken);
    }

    private async Task ScaleAsync(App app, Deployment deployment, IReadOnlyList<Instance> existing, CancellationToken cancellationToken)
    {
        var current = existing.Where(i => i.Version == deployment.Version).OrderBy(i => i.CreatedAt).ToList();
        if (deployment.Instances > current.Count)
        {
            await LaunchAsync(app, deployment, deployment.Instances - current.Count, cancellationToken);
        }

        await store.UpdateAppAsync(app with { Instances = deployment.Instances }, cancellationToken);
        var surplus = current.Skip(deployment.Instances).ToList();
        await retirer.RetireAsync(surplus, Drain(app), cancellationToken);
    }

    /// <summary>Starts <paramref name="count"/> instances; if any fails, retires those that started and fails.</summary>
    private async Task LaunchAsync(App app, Deployment deployment, int count, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(options.Value.LaunchParallelism);
        var started = new List<Instance>();
        var failures = new List<Exception>();
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var instance = await launcher.LaunchAsync(app, deployment.Version, deployment.Id, cancellationToken);
                lock (started)
                {
                    started.Add(instance);
                }
            }
            catch (Exception e)
            {
                lock (started)
                {
                    failures.Add(e);
                }
            }
            finally
            {
                gate.Release();
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
