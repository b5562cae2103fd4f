using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Services;
using Berth.Core.Apps;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/services/{id}/bindings</c>: bind an app of the service's tenant, list the bindings, unbind. Bind and unbind
/// answer once the app's rolling restart ended (its state is in <c>rollout</c>).
/// </summary>
internal static class ServiceBindingsApi
{
    public static RouteGroupBuilder MapServiceBindingsApi(this RouteGroupBuilder v1)
    {
        var bindings = v1.MapGroup("/services/{id}/bindings");
        bindings.MapPost("/", BindAsync);
        bindings.MapGet("/", ListAsync);
        bindings.MapDelete("/{app}", UnbindAsync);
        return v1;
    }

    private static async Task<Results<Created<BindingView>, ProblemHttpResult>> BindAsync(
        CreateBindingRequest request, HttpContext context, ServiceBindings bindings, IStateStore store)
    {
        var service = context.OwnedService();
        if (request.As is { } name && BindingVariables.Choose(service.Type, name, []) is null)
        {
            return Problems.BadRequest("as must be a letter, then letters, digits or '_', at most 32 (the variables' prefix, e.g. CACHE for CACHE_URL)");
        }

        if (await TenantAppAsync(request.App, service.Tenant, store, context) is not { } app)
        {
            return Problems.AppNotFound(request.App ?? "");
        }

        try
        {
            var outcome = await bindings.BindAppAsync(service, app, request.As, context.RequestAborted);
            return TypedResults.Created($"/v1/services/{service.Id}/bindings/{app.Id}", BindingView.From(outcome));
        }
        catch (BindingRefusedException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    private static async Task<Ok<BindingView[]>> ListAsync(HttpContext context, IServiceStore services) =>
        TypedResults.Ok((await services.ListBindingsAsync(context.OwnedService().Id, null, context.RequestAborted)).Select(BindingView.From).ToArray());

    private static async Task<Results<Ok<BindingView>, ProblemHttpResult>> UnbindAsync(
        string app, HttpContext context, ServiceBindings bindings, IStateStore store)
    {
        var service = context.OwnedService();
        if (await TenantAppAsync(app, service.Tenant, store, context) is not { } bound)
        {
            return Problems.AppNotFound(app);
        }

        try
        {
            return TypedResults.Ok(BindingView.From(await bindings.UnbindAppAsync(service, bound, context.RequestAborted)));
        }
        catch (KeyNotFoundException e)
        {
            return Problems.NotFound(e.Message);
        }
        catch (BindingRefusedException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    /// <summary>The app, when it belongs to the service's tenant: a service is bound to its own tenant's apps only.</summary>
    private static async Task<App?> TenantAppAsync(string? id, string tenant, IStateStore store, HttpContext context) =>
        id is not null && await store.GetAppAsync(id, context.RequestAborted) is { } app && app.Tenant == tenant && !app.Deleting ? app : null;
}
