using Berth.ControlPlane.Apis.Dtos;
using Berth.ControlPlane.Auth;
using Berth.Core.Apps;
using Berth.Core.State;
using Berth.Core.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>/v1/tenants</c> (admin): tenants and their tokens.</summary>
public static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApi(this RouteGroupBuilder v1)
    {
        var tenants = v1.MapGroup("/tenants").RequireAuthorization(Policies.Admin);
        tenants.MapPost("/", CreateAsync);
        tenants.MapGet("/", ListAsync);
        return v1;
    }

    private static async Task<Results<Created<CreatedTenant>, ProblemHttpResult>> CreateAsync(
        CreateTenantRequest request, HttpContext context, IStateStore store, TimeProvider time)
    {
        // Tenant names follow app ids: they appear in labels, registry scopes and logs.
        if (!AppId.IsValid(request.Name))
        {
            return Problems.BadRequest("name must be 1-40 lowercase letters, digits or hyphens, not starting or ending with a hyphen");
        }

        var token = Tokens.New();
        try
        {
            await store.CreateTenantAsync(
                new Tenant { Name = request.Name!, TokenHash = Tokens.Hash(token), CreatedAt = time.GetUtcNow() }, context.RequestAborted);
        }
        catch (ConflictException)
        {
            return Problems.Conflict($"tenant '{request.Name}' exists already");
        }

        return TypedResults.Created($"/v1/tenants/{request.Name}", new CreatedTenant(request.Name!, token));
    }

    private static async Task<Ok<TenantView[]>> ListAsync(HttpContext context, IStateStore store)
    {
        var tenants = await store.ListTenantsAsync(context.RequestAborted);
        return TypedResults.Ok(tenants.Select(t => new TenantView(t.Name, t.IsAdmin, t.CreatedAt)).ToArray());
    }
}
