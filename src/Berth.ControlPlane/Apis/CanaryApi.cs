using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Deployments;
using Berth.Core.Apps;
using Berth.Core.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>POST /v1/apps/{id}/deployments/{deploymentId}/promote|abort</c> for a canary deployment: promote makes its version
/// the active one with the app's instance count (a rolling deployment that keeps the canary's instances), abort removes
/// its instances and leaves the active version as it was.
/// </summary>
internal static class CanaryApi
{
    /// <summary>Why <paramref name="version"/> cannot start as a canary of <paramref name="app"/> now, or null.</summary>
    public static ProblemHttpResult? Refusal(App app, string version) =>
        app.ActiveVersion is null ? Problems.Conflict($"app '{app.Id}' has no active version for a canary to run beside: deploy one first")
        : app.ActiveVersion == version ? Problems.Conflict($"{version} is the active version of app '{app.Id}' already; a canary must be another version")
        : app.Placement.Global ? Problems.BadRequest($"app '{app.Id}' is global (one instance per host) and cannot run a canary beside it")
        : null;

    public static async Task<Results<Accepted<DeploymentView>, ProblemHttpResult>> PromoteAsync(string deploymentId, HttpContext context, IStateStore store, DeploymentCoordinator coordinator, TimeProvider time)
    {
        var app = context.OwnedApp();

        var (canary, problem) = await FindCanaryAsync(app, deploymentId, store, context.RequestAborted);
        return problem ?? await DeploymentsApi.StartAsync(app, canary!.Version, Math.Max(app.Instances, 1), DeploymentStrategy.Rolling, context, store, coordinator, time);
    }

    public static async Task<Results<Ok<DeploymentView>, ProblemHttpResult>> AbortAsync(
        string id, string deploymentId, HttpContext context, IStateStore store, DeploymentCoordinator coordinator, DeploymentRunner runner)
    {
        // Checked again under the app's lock: a deployment that ran meanwhile may have promoted or replaced the canary.
        ProblemHttpResult? problem = null;
        Deployment? aborted = null;
        await coordinator.RunExclusiveAsync(id, async token =>
        {
            if (await store.GetAppAsync(id, token) is not { } app)
            {
                problem = Problems.AppNotFound(id);
                return;
            }

            (var canary, problem) = await FindCanaryAsync(app, deploymentId, store, token);
            if (canary is not null)
            {
                aborted = await runner.AbortCanaryAsync(app, canary, token);
            }
        }, context.RequestAborted);
        return problem ?? (Results<Ok<DeploymentView>, ProblemHttpResult>)TypedResults.Ok(DeploymentView.From(aborted!));
    }

    /// <summary>The canary deployment that started the app's current canary, or why there is none to promote or abort.</summary>
    private static async Task<(Deployment? Canary, ProblemHttpResult? Problem)> FindCanaryAsync(
        App app, string deploymentId, IStateStore store, CancellationToken cancellationToken)
    {
        if (await store.GetDeploymentAsync(app.Id, deploymentId, cancellationToken) is not { } deployment)
        {
            return (null, Problems.NotFound($"deployment '{deploymentId}' of app '{app.Id}' was not found"));
        }

        if (deployment.Strategy != DeploymentStrategy.Canary)
        {
            return (null, Problems.Conflict($"deployment '{deploymentId}' is a rolling deployment; only a canary deployment can be promoted or aborted"));
        }

        if (deployment.State is DeploymentState.Pending or DeploymentState.Running)
        {
            return (null, Problems.Conflict($"canary deployment '{deploymentId}' is still {deployment.State.ToString().ToLowerInvariant()}; wait until it ends"));
        }

        return app.CanaryVersion == deployment.Version
            ? (deployment, null)
            : (null, Problems.Conflict(app.CanaryVersion is null
                ? $"app '{app.Id}' runs no canary now: {deployment.Version} was promoted, aborted or failed"
                : $"app '{app.Id}' runs {app.CanaryVersion} as its canary now, not {deployment.Version} of deployment '{deploymentId}'"));
    }
}
