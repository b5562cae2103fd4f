using Berth.ControlPlane.Deployments;
using Berth.Core.Apps;
using Berth.Core.State;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// The one way a project reaches the deployment machinery: the same record-and-start that
/// <c>POST /v1/apps/{id}/deployments</c> does, then waiting for the deployment to end.
/// </summary>
internal sealed class ServiceDeployments(IStateStore store, DeploymentCoordinator coordinator, TimeProvider time)
{
    /// <summary>
    /// Rolls the app to <paramref name="version"/> as <see cref="DeployAsync"/> does; the server of a base image
    /// (<see cref="HealthCheckSpec.Server"/>) is stopped first instead, as two servers must never open its volume at
    /// once: it does not answer until its new container does.
    /// </summary>
    public async Task<Deployment> ReplaceAsync(App app, string version, int instances, CancellationToken cancellationToken)
    {
        if (app.HealthCheck.Server is not null && app.ActiveVersion is { } running && running != version && app.Instances > 0)
        {
            var stopped = await DeployAsync(app, running, 0, cancellationToken);
            if (stopped.State != DeploymentState.Succeeded)
            {
                return stopped;
            }
        }

        return await DeployAsync(app, version, instances, cancellationToken);
    }

    /// <summary>Rolls the app to <paramref name="version"/> with <paramref name="instances"/> and returns the ended deployment.</summary>
    public async Task<Deployment> DeployAsync(App app, string version, int instances, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deployment = new Deployment
        {
            Id = "d-" + Guid.NewGuid().ToString("N")[..12],
            AppId = app.Id,
            Version = version,
            Instances = instances,
            Strategy = DeploymentStrategy.Rolling,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.CreateDeploymentAsync(deployment, cancellationToken);
        coordinator.Start(app.Id, deployment.Id);
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
            if (await store.GetDeploymentAsync(app.Id, deployment.Id, cancellationToken) is not { } current)
            {
                return deployment with { State = DeploymentState.Failed, Reason = "the deployment's record is gone" };
            }

            if (current.State is DeploymentState.Succeeded or DeploymentState.Failed)
            {
                return current;
            }
        }
    }
}
