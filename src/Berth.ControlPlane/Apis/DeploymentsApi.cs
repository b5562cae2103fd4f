using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Security.Quotas;
using Berth.ControlPlane.Security.Registry;
using Berth.Core.Apps;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// Deploy a version (rolling, or as a canary beside the active version), promote or abort a canary, scale, roll back,
/// and follow how it goes.
/// </summary>
internal static class DeploymentsApi
{
    public const int MaxInstances = 100;

    public static RouteGroupBuilder MapDeploymentsApi(this RouteGroupBuilder v1)
    {
        var app = v1.MapGroup("/apps/{id}");
        app.MapPost("/deployments", DeployAsync);
        app.MapGet("/deployments", ListAsync);
        app.MapGet("/deployments/{deploymentId}", GetAsync);
        app.MapPost("/deployments/{deploymentId}/promote", CanaryApi.PromoteAsync);
        app.MapPost("/deployments/{deploymentId}/abort", CanaryApi.AbortAsync);
        app.MapPut("/scale", ScaleAsync);
        app.MapPost("/rollback", RollbackAsync);
        return v1;
    }

    private static async Task<Results<Accepted<DeploymentView>, ProblemHttpResult>> DeployAsync(CreateDeploymentRequest request, HttpContext context, IStateStore store, DeploymentCoordinator coordinator, TimeProvider time)
    {
        var app = context.OwnedApp();

        if (!AppId.IsValidVersion(request.Version))
        {
            return Problems.BadRequest("version must be an image tag: letters, digits, '_', '.' and '-', at most 128 characters");
        }

        if (ParseStrategy(request.Strategy) is not { } strategy)
        {
            return Problems.BadRequest("strategy must be rolling (the default: the version replaces the active one) or canary (it runs beside it)");
        }

        if (strategy == DeploymentStrategy.Canary && CanaryApi.Refusal(app, request.Version!) is { } refusal)
        {
            return refusal;
        }

        var instances = request.Instances ?? (strategy == DeploymentStrategy.Canary ? 1 : Math.Max(app.Instances, 1));
        return await StartAsync(app, request.Version!, instances, strategy, context, store, coordinator, time);
    }

    private static DeploymentStrategy? ParseStrategy(string? text) => text?.ToLowerInvariant() switch
    {
        null or "rolling" => DeploymentStrategy.Rolling,
        "canary" => DeploymentStrategy.Canary,
        _ => null,
    };

    private static async Task<Results<Accepted<DeploymentView>, ProblemHttpResult>> ScaleAsync(
        string id, ScaleRequest request, HttpContext context, IStateStore store, DeploymentCoordinator coordinator, TimeProvider time)
    {
        var app = context.OwnedApp();

        if (app.ActiveVersion is null)
        {
            return Problems.Conflict($"app '{id}' has no version running yet: deploy one first");
        }

        return await StartAsync(app, app.ActiveVersion, request.Instances ?? -1, DeploymentStrategy.Rolling, context, store, coordinator, time);
    }

    private static async Task<Results<Accepted<DeploymentView>, ProblemHttpResult>> RollbackAsync(
        string id, HttpContext context, IStateStore store, DeploymentCoordinator coordinator, TimeProvider time)
    {
        var app = context.OwnedApp();

        if (app.PreviousVersion is null)
        {
            return Problems.Conflict($"app '{id}' has no previous version to roll back to");
        }

        return await StartAsync(app, app.PreviousVersion, Math.Max(app.Instances, 1), DeploymentStrategy.Rolling, context, store, coordinator, time);
    }

    /// <summary>Records a deployment and starts it once the app's earlier operations finished: 202 with where to follow it.</summary>
    internal static async Task<Results<Accepted<DeploymentView>, ProblemHttpResult>> StartAsync(
        App app, string version, int instances, DeploymentStrategy strategy, HttpContext context, IStateStore store, DeploymentCoordinator coordinator, TimeProvider time)
    {
        if (instances is < 1 or > MaxInstances)
        {
            return Problems.BadRequest($"instances must be between 1 and {MaxInstances}");
        }

        // What the app may run is checked again at every deploy: it may have changed since the app was created.
        if (await context.RequestServices.GetRequiredService<AppImagePolicy>().RefuseImageAsync(app, context.RequestAborted) is { } refused)
        {
            return TypedResults.Problem(refused, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        // A rolling deployment sets the app's instances beside its canary's; a canary's sit beside the active ones.
        var wanted = strategy == DeploymentStrategy.Canary ? app.Instances + instances : instances + app.CanaryInstances;
        if (await context.RequestServices.GetRequiredService<TenantQuotas>().CheckAsync(app.Tenant, QuotaAsk.Instances(app, wanted), context.RequestAborted) is { } exceeded)
        {
            return exceeded;
        }

        var now = time.GetUtcNow();
        var deployment = new Deployment
        {
            Id = "d-" + Guid.NewGuid().ToString("N")[..12],
            AppId = app.Id,
            Version = version,
            Instances = instances,
            Strategy = strategy,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.CreateDeploymentAsync(deployment, context.RequestAborted);
        coordinator.Start(app.Id, deployment.Id);
        return TypedResults.Accepted($"/v1/apps/{app.Id}/deployments/{deployment.Id}", DeploymentView.From(deployment));
    }

    private static async Task<Results<Ok<DeploymentView[]>, ProblemHttpResult>> ListAsync(string id, HttpContext context, IStateStore store)
    {
        var deployments = await store.ListDeploymentsAsync(id, context.RequestAborted);
        return TypedResults.Ok(deployments.Select(DeploymentView.From).ToArray());
    }

    private static async Task<Results<Ok<DeploymentView>, ProblemHttpResult>> GetAsync(string id, string deploymentId, HttpContext context, IStateStore store)
    {
        return await store.GetDeploymentAsync(id, deploymentId, context.RequestAborted) is { } deployment
            ? TypedResults.Ok(DeploymentView.From(deployment))
            : Problems.NotFound($"deployment '{deploymentId}' of app '{id}' was not found");
    }
}
