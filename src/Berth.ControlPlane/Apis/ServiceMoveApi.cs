using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>POST /v1/services/{id}/move</c>: stop → backup → restore on the other host → rebind (see <see cref="ServiceMover"/>), answered with the downtime.</summary>
internal static class ServiceMoveApi
{
    public static RouteGroupBuilder MapServiceMoveApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/services/{id}/move", MoveAsync);
        return v1;
    }

    private static async Task<Results<Ok<ServiceMoveView>, ProblemHttpResult>> MoveAsync(MoveServiceRequest request, HttpContext context, ServiceMover mover)
    {
        if (string.IsNullOrWhiteSpace(request.To))
        {
            return Problems.BadRequest("to must name the host to move the service to (berth hosts ls)");
        }

        try
        {
            var move = await mover.MoveAsync(context.OwnedService(), request.To, context.RequestAborted);
            return TypedResults.Ok(new ServiceMoveView(
                ServiceView.From(move.Service), move.From, move.Backup.Id, [.. move.Rollouts.Select(d => d.Id)], Math.Round(move.Downtime.TotalSeconds, 3)));
        }
        catch (ServiceMoveException e)
        {
            return Problems.Conflict(e.Message);
        }
    }
}
