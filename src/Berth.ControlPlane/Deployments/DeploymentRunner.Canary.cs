using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.Instances;

namespace Berth.ControlPlane.Deployments;

/// <summary>Canaries: a version started beside the active one, then promoted (a rolling deployment of it) or aborted.</summary>
public sealed partial class DeploymentRunner
{
    /// <summary>
    /// Starts the canary's missing instances beside the active version, then records it as the app's canary; instances of
    /// an earlier canary of another version, and any beyond the wanted count, retire after. The active version is untouched.
    /// </summary>
    private async Task<Deployment> RunCanaryAsync(App app, Deployment deployment, IReadOnlyList<Instance> existing, CancellationToken cancellationToken)
    {
        // The API checked these too; the app may have changed while the deployment waited for its turn.
        if (app.ActiveVersion is not { } active || active == deployment.Version)
        {
            throw new DeploymentFailedException(app.ActiveVersion is null
                ? "a canary runs beside an active version, and the app has none: deploy one first"
                : $"{deployment.Version} is the active version already; a canary must be another version");
        }

        if (app.Placement.Global)
        {
            throw new DeploymentFailedException("a global app runs one instance per host and cannot run a canary beside it");
        }

        var same = existing.Where(i => i.Version == deployment.Version)
            .OrderBy(i => i.State == InstanceState.Running ? 0 : 1)
            .ThenBy(i => i.CreatedAt)
            .ToList();
        await executor.ApplyAsync(Launch(app, deployment, deployment.Instances - same.Count), cancellationToken);
        await store.UpdateAppAsync(app with { CanaryVersion = deployment.Version, CanaryInstances = deployment.Instances }, cancellationToken);

        var replaced = existing.Where(i => i.Version != active && i.Version != deployment.Version).Concat(same.Skip(deployment.Instances)).ToList();
        if (replaced.Count > 0)
        {
            deployment = await SetAsync(deployment, DeploymentState.Running, $"canary serving; retiring {replaced.Count} instance(s) of an earlier canary", cancellationToken);
            await executor.RetireAsync(replaced, Drain(app), cancellationToken);
            if (app.CanaryVersion is { } earlier && earlier != deployment.Version)
            {
                await traffic.DropFromSplitAsync(app.Id, earlier, cancellationToken);
            }
        }

        return deployment with
        {
            Reason = $"{deployment.Instances} canary instance(s) of {deployment.Version} serving beside {active}, which stays active; " +
                "split traffic to send it a share, then promote or abort it",
        };
    }

    /// <summary>
    /// Removes the app's canary, which <paramref name="canary"/> started: it stops being wanted first (so a crash from here on
    /// never brings it back), then its instances leave discovery, drain and retire. The active version is untouched.
    /// The caller holds the app's lock and has checked that the canary is the app's.
    /// </summary>
    public async Task<Deployment> AbortCanaryAsync(App app, Deployment canary, CancellationToken cancellationToken)
    {
        await store.UpdateAppAsync(app with { CanaryVersion = null, CanaryInstances = 0 }, cancellationToken);
        var instances = (await store.ListInstancesAsync(app.Id, cancellationToken)).Where(i => i.Version == canary.Version).ToList();
        await executor.RetireAsync(instances, Drain(app), cancellationToken);
        await traffic.DropFromSplitAsync(app.Id, canary.Version, cancellationToken);
        return await SetAsync(canary, canary.State,
            $"aborted: {instances.Count} canary instance(s) of {canary.Version} removed; {app.ActiveVersion} serves alone", cancellationToken);
    }
}
