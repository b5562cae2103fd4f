using Berth.ControlPlane.Auth;
using Berth.Core.Apps;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// Tenancy for every endpoint under <c>/v1/apps/{id}</c>, by construction rather than by each handler remembering
/// it: before the handler runs, the app is read and the call answered 404 unless the caller owns it (the admin owns
/// all), so another tenant's app reads as missing. The handler takes the app from <see cref="OwnedApp"/>.
/// </summary>
internal static class OwnedApps
{
    private const string PathPrefix = "/v1/apps/{id}";
    private static readonly object ItemKey = new();

    /// <summary>Adds the ownership check to every endpoint of <paramref name="v1"/> whose route is under <c>/v1/apps/{id}</c>.</summary>
    public static RouteGroupBuilder RequireOwnedApps(this RouteGroupBuilder v1) =>
        v1.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (!IsPerApp(context) || context.GetRouteValue("id") is not string id)
            {
                return await next(invocation);
            }

            var app = await context.RequestServices.GetRequiredService<IStateStore>().GetAppAsync(id, context.RequestAborted);
            if (app is null || !Caller.From(context.User).Owns(app))
            {
                return Problems.AppNotFound(id);
            }

            context.Items[ItemKey] = app;
            return await next(invocation);
        });

    /// <summary>The app of this <c>/v1/apps/{id}</c> call, read and checked by <see cref="RequireOwnedApps"/>.</summary>
    public static App OwnedApp(this HttpContext context) =>
        context.Items[ItemKey] as App ?? throw new InvalidOperationException($"only endpoints under {PathPrefix} have an owned app");

    private static bool IsPerApp(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint
        && endpoint.RoutePattern.RawText?.TrimEnd('/').StartsWith(PathPrefix, StringComparison.Ordinal) == true;
}
