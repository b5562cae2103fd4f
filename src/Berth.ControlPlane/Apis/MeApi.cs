using Berth.Contracts;
using Berth.ControlPlane.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>GET /v1/me</c>: who the presented token belongs to, so a client can say whom it is signed in as.</summary>
internal static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/me", (HttpContext context) =>
        {
            var caller = Caller.From(context.User);
            return TypedResults.Ok(new MeView(caller.Tenant, caller.IsAdmin, caller.ReadOnly, caller.TokenId));
        }).WithTags(nameof(MeApi));
        return v1;
    }
}
