using Berth.ControlPlane.Auth;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// Tenancy for every endpoint under <c>/v1/services/{id}</c>, as <see cref="OwnedApps"/> does for apps: the service is
/// read before the handler runs and the call answered 404 unless the caller owns it (the admin owns all).
/// </summary>
internal static class OwnedServices
{
    private const string PathPrefix = "/v1/services/{id}";
    private static readonly object ItemKey = new();

    public static RouteGroupBuilder RequireOwnedServices(this RouteGroupBuilder v1) =>
        v1.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (!IsPerService(context) || context.GetRouteValue("id") is not string id)
            {
                return await next(invocation);
            }

            var service = await context.RequestServices.GetRequiredService<IServiceStore>().GetServiceAsync(id, context.RequestAborted);
            var caller = Caller.From(context.User);
            if (service is null || !(caller.IsAdmin || service.Tenant == caller.Tenant))
            {
                return Problems.NotFound($"service '{id}' was not found");
            }

            context.Items[ItemKey] = service;
            return await next(invocation);
        });

    /// <summary>The service of this <c>/v1/services/{id}</c> call, read and checked by <see cref="RequireOwnedServices"/>.</summary>
    public static ManagedService OwnedService(this HttpContext context) =>
        context.Items[ItemKey] as ManagedService ?? throw new InvalidOperationException($"only endpoints under {PathPrefix} have an owned service");

    private static bool IsPerService(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint
        && endpoint.RoutePattern.RawText?.TrimEnd('/').StartsWith(PathPrefix, StringComparison.Ordinal) == true;
}
