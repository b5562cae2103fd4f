using Berth.Contracts;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Reconciliation;
using Berth.ControlPlane.Security.Limits;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// The cluster as a whole (admin): <c>GET /v1/cluster/leader</c>, which of the control planes sharing a database does the
/// background work; <c>GET /v1/cluster/events</c>, what happened to the hosts (provisioned, refused, failed, drained,
/// destroyed), read and followed as an app's events are.
/// </summary>
internal static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/cluster/leader", LeaderAsync).RequireAuthorization(Policies.Admin);
        v1.MapGet("/cluster/events", EventsAsync).RequireAuthorization(Policies.Admin);
        return v1;
    }

    private static async Task<Ok<LeaderView>> LeaderAsync(HttpContext context, LeaderGate gate) =>
        TypedResults.Ok(new LeaderView(await gate.LeaderAsync(context.RequestAborted), gate.Candidate, gate.IsLeading, gate.Elects, gate.RunningWork));

    private static Task<Results<Ok<AppEventView[]>, ProblemHttpResult>> EventsAsync(
        long? after, string? wait, int? limit, HttpContext context, IEventStore events, AppEventRecorder recorder, TenantWaits waits, TimeProvider time) =>
        EventsApi.ReadAsync(ClusterEvents.Key, after, wait, limit, context, events, recorder, waits, time, _ => true);
}
