using Berth.ControlPlane.Deployments;
using Berth.Core.Apps;
using Berth.Core.State;

namespace Berth.ControlPlane.Scaling;

/// <summary>
/// Scaling decided by Berth itself goes the way a user's scale goes: a deployment of the active version with the
/// new count, run by the <see cref="DeploymentCoordinator"/> (healthy before routed, drained before stopped).
/// </summary>
internal sealed class ScaleDeployments(IStateStore store, DeploymentCoordinator coordinator, TimeProvider time)
{
    /// <summary>True while a deployment of the app waits or runs: nothing is decided for it meanwhile.</summary>
    public async Task<bool> InFlightAsync(string appId, CancellationToken cancellationToken) =>
        (await store.ListDeploymentsAsync(appId, cancellationToken)).Any(d => d.State is DeploymentState.Pending or DeploymentState.Running);

    /// <summary>Records a deployment of the app's active version with <paramref name="instances"/> and starts it.</summary>
    public async Task<Deployment> StartAsync(App app, int instances, CancellationToken cancellationToken)
    {
        var deployment = await CreateAsync(app, instances, cancellationToken);
        coordinator.Start(app.Id, deployment.Id);
        return deployment;
    }

    /// <summary>Records a deployment of the app's active version with <paramref name="instances"/>, for a caller that runs it itself.</summary>
    public async Task<Deployment> CreateAsync(App app, int instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = time.GetUtcNow();
        var deployment = new Deployment
        {
            Id = "d-" + Guid.NewGuid().ToString("N")[..12],
            AppId = app.Id,
            Version = app.ActiveVersion ?? throw new InvalidOperationException($"app {app.Id} has no active version"),
            Instances = instances,
            Strategy = DeploymentStrategy.Rolling,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.CreateDeploymentAsync(deployment, cancellationToken);
        return deployment;
    }
}
