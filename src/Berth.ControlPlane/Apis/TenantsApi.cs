using Berth.Contracts;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Security.ApiTokens;
using Berth.Core.Apps;
using Berth.Core.Security;
using Berth.Core.State;
using Berth.Core.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>/v1/tenants</c> (admin): tenants, each made with a first token; <see cref="TokensApi"/> manages the rest.</summary>
internal static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApi(this RouteGroupBuilder v1)
    {
        var tenants = v1.MapGroup("/tenants").RequireAuthorization(Policies.Admin);
        tenants.MapPost("/", CreateAsync);
        tenants.MapGet("/", ListAsync);
        return v1;
    }

    private static async Task<Results<Created<CreatedTenant>, ProblemHttpResult>> CreateAsync(
        CreateTenantRequest request, HttpContext context, IStateStore store, ISecurityStore security, TimeProvider time)
    {
        // Tenant names follow app ids: they appear in labels, registry scopes and logs.
        if (!AppId.IsValid(request.Name))
        {
            return Problems.BadRequest("name must be 1-40 lowercase letters, digits or hyphens, not starting or ending with a hyphen");
        }

        var now = time.GetUtcNow();
        var (token, secret) = ApiTokenService.Make(request.Name!, TokenScope.Tenant, "first token", now);
        try
        {
            await store.CreateTenantAsync(new Tenant { Name = request.Name!, TokenHash = token.TokenHash, CreatedAt = now }, context.RequestAborted);
        }
        catch (ConflictException)
        {
            return Problems.Conflict($"tenant '{request.Name}' exists already");
        }

        await security.CreateTokenAsync(token, context.RequestAborted);
        return TypedResults.Created($"/v1/tenants/{request.Name}", new CreatedTenant(request.Name!, secret, token.Id));
    }

    private static async Task<Ok<TenantView[]>> ListAsync(HttpContext context, IStateStore store)
    {
        var tenants = await store.ListTenantsAsync(context.RequestAborted);
        return TypedResults.Ok(tenants.Select(t => new TenantView(t.Name, t.IsAdmin, t.CreatedAt)).ToArray());
    }
}
