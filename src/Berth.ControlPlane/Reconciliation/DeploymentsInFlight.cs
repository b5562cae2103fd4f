using Berth.ControlPlane.Events;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.State;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>Deployments still pending or running: another control plane's work in progress, or what a crash interrupted.</summary>
public sealed class DeploymentsInFlight(IStateStore store, Abandonment abandonment, AppEventRecorder events, TimeProvider time)
{
    /// <summary>Marks every deployment of the app still pending or running as failed: a crash interrupted it.</summary>
    public async Task InterruptAllAsync(App app, CancellationToken cancellationToken)
    {
        foreach (var deployment in await ListAsync(app, cancellationToken))
        {
            await InterruptAsync(app, deployment, cancellationToken);
        }
    }

    /// <summary>
    /// Whether another control plane may be deploying the app right now, so its count is not ours to fix; deployments
    /// clearly abandoned are marked interrupted on the way. Alone, no one else deploys.
    /// </summary>
    public async Task<bool> OthersDeployingAsync(App app, CancellationToken cancellationToken)
    {
        if (abandonment.Alone)
        {
            return false;
        }

        var inFlight = false;
        foreach (var deployment in await ListAsync(app, cancellationToken))
        {
            if (abandonment.Since(deployment.UpdatedAt))
            {
                await InterruptAsync(app, deployment, cancellationToken);
            }
            else
            {
                inFlight = true;
            }
        }

        return inFlight;
    }

    private async Task<IEnumerable<Deployment>> ListAsync(App app, CancellationToken cancellationToken) =>
        (await store.ListDeploymentsAsync(app.Id, cancellationToken)).Where(d => d.State is DeploymentState.Pending or DeploymentState.Running);

    private async Task InterruptAsync(App app, Deployment deployment, CancellationToken cancellationToken)
    {
        var reason = $"interrupted: Berth stopped before it finished; the app runs {app.ActiveVersion ?? "no version"} with {app.Instances} instance(s)";
        await store.UpdateDeploymentAsync(deployment with { State = DeploymentState.Failed, Reason = reason, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        await events.RecordAsync(app.Id, AppEventType.DeploymentInterrupted, $"deployment {deployment.Id} of {deployment.Version} {reason}");
    }
}
