using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Security.Quotas;
using Berth.ControlPlane.Security.Registry;
using Berth.Core.Apps;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>/v1/apps</c>: create, list, show and delete apps.</summary>
internal static class AppsApi
{
    public static RouteGroupBuilder MapAppsApi(this RouteGroupBuilder v1)
    {
        var apps = v1.MapGroup("/apps");
        apps.MapPost("/", CreateAsync);
        apps.MapGet("/", ListAsync);
        apps.MapGet("/{id}", Get);
        apps.MapDelete("/{id}", DeleteAsync);
        return v1;
    }

    /// <summary>The app when it exists and the caller may see it; null otherwise, so another tenant's app reads as missing.</summary>
    public static async Task<App?> FindOwnedAsync(this IStateStore store, string id, HttpContext context)
    {
        var app = await store.GetAppAsync(id, context.RequestAborted);
        return app is not null && Caller.From(context.User).Owns(app) ? app : null;
    }

    private static async Task<Results<Created<AppView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateAppRequest request, HttpContext context, IStateStore store, AppLifecycle lifecycle, AppImagePolicy images, TenantQuotas quotas, TimeProvider time)
    {
        var (app, errors) = AppValidation.Validate(request, Caller.From(context.User).Tenant, time.GetUtcNow());
        if (app is null)
        {
            return TypedResults.ValidationProblem(errors, detail: "the app is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key} {e.Value[0]}")));
        }

        // An app without an image runs its own repository, which the reservation below gives it.
        if (app.Image is not null && app.Image != app.Id && await images.RefuseImageAsync(app, context.RequestAborted) is { } refused)
        {
            return Problems.BadRequest(refused);
        }

        // Only beside one's own apps: another tenant's app reads as missing, as everywhere else.
        if (app.Placement.AffinityWith is { } with && await store.FindOwnedAsync(with, context) is null)
        {
            return Problems.AppNotFound(with);
        }

        if (await quotas.CheckAsync(app.Tenant, QuotaAsk.App, context.RequestAborted) is { } exceeded)
        {
            return exceeded;
        }

        // Last, so a refused request reserves nothing.
        if (await images.ReserveIdAsync(app, context.RequestAborted) is { } taken)
        {
            return Problems.Conflict(taken);
        }

        try
        {
            await lifecycle.CreateAsync(app, context.RequestAborted);
        }
        catch (ConflictException)
        {
            return Problems.Conflict($"app id '{app.Id}' is taken");
        }

        return TypedResults.Created($"/v1/apps/{app.Id}", AppView.From(app));
    }

    private static async Task<Ok<AppView[]>> ListAsync(HttpContext context, IStateStore store)
    {
        var caller = Caller.From(context.User);
        var apps = await store.ListAppsAsync(caller.IsAdmin ? null : caller.Tenant, context.RequestAborted);
        return TypedResults.Ok(apps.Select(AppView.From).ToArray());
    }

    private static Ok<AppView> Get(HttpContext context) => TypedResults.Ok(AppView.From(context.OwnedApp()));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, AppLifecycle lifecycle)
    {
        var app = context.OwnedApp();

        await lifecycle.DeleteAsync(app, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
