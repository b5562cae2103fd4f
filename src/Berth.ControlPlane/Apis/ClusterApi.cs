using Berth.Contracts;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Reconciliation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>GET /v1/cluster/leader</c> (admin): which of the control planes sharing a database does the background work.</summary>
internal static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/cluster/leader", LeaderAsync).RequireAuthorization(Policies.Admin);
        return v1;
    }

    private static async Task<Ok<LeaderView>> LeaderAsync(HttpContext context, LeaderGate gate) =>
        TypedResults.Ok(new LeaderView(await gate.LeaderAsync(context.RequestAborted), gate.Candidate, gate.IsLeading, gate.Elects, gate.RunningWork));
}
