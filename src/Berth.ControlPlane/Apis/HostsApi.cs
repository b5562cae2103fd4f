using Berth.ControlPlane.Apis.Dtos;
using Berth.ControlPlane.Auth;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>/v1/hosts</c> (admin): each host's capacity and what is reserved on it.</summary>
public static class HostsApi
{
    public static RouteGroupBuilder MapHostsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/hosts", ListAsync).RequireAuthorization(Policies.Admin);
        return v1;
    }

    private static async Task<Ok<HostView[]>> ListAsync(HttpContext context, IStateStore store, IHostStatusStore status)
    {
        var hosts = await store.ListHostUsageAsync(context.RequestAborted);
        var down = await status.ListDownHostsAsync(context.RequestAborted);
        return TypedResults.Ok(hosts.Select(u => HostView.From(u, down.TryGetValue(u.Host.Name, out var since) ? since : null)).ToArray());
    }
}
