using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Security.Quotas;
using Berth.Core.State;
using Berth.Core.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/tenants/{name}/quota</c>: what a tenant may hold and holds. The admin sets it (PUT, the keys given change,
/// the others keep their value); a tenant may read its own.
/// </summary>
internal static class QuotasApi
{
    public static RouteGroupBuilder MapQuotasApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/tenants/{name}/quota", GetAsync);
        v1.MapPut("/tenants/{name}/quota", SetAsync).RequireAuthorization(Policies.Admin);
        return v1;
    }

    private static async Task<Results<Ok<QuotaView>, ProblemHttpResult>> GetAsync(
        string name, HttpContext context, IStateStore store, ITenantQuotaStore quotas, TenantQuotas usage)
    {
        var caller = Caller.From(context.User);
        // Another tenant's quota reads as missing, as its apps do.
        if ((!caller.IsAdmin && caller.Tenant != name) || await store.GetTenantAsync(name, context.RequestAborted) is null)
        {
            return Problems.NotFound($"tenant '{name}' was not found");
        }

        return TypedResults.Ok(await ViewAsync(name, quotas, usage, context.RequestAborted));
    }

    private static async Task<Results<Ok<QuotaView>, ProblemHttpResult>> SetAsync(
        string name, Dictionary<string, int> request, HttpContext context, IStateStore store, ITenantQuotaStore quotas, TenantQuotas usage)
    {
        if (await store.GetTenantAsync(name, context.RequestAborted) is null)
        {
            return Problems.NotFound($"tenant '{name}' was not found");
        }

        var quota = await usage.LimitAsync(name, context.RequestAborted);
        foreach (var (key, value) in request)
        {
            if (TenantResources.Keys.FirstOrDefault(k => k.Name.Equals(key, StringComparison.OrdinalIgnoreCase)) is not { Name: not null } known)
            {
                return Problems.BadRequest($"'{key}' is not a quota; the quotas are {string.Join(", ", TenantResources.Keys.Select(k => k.Name))}");
            }

            if (value < 0)
            {
                return Problems.BadRequest($"{known.Name} must be 0 or more");
            }

            quota = known.With(quota, value);
        }

        await quotas.SetQuotaAsync(name, quota, context.RequestAborted);
        return TypedResults.Ok(await ViewAsync(name, quotas, usage, context.RequestAborted));
    }

    private static async Task<QuotaView> ViewAsync(string name, ITenantQuotaStore quotas, TenantQuotas usage, CancellationToken cancellationToken)
    {
        var own = await quotas.GetQuotaAsync(name, cancellationToken);
        return QuotaView.From(name, own ?? await usage.LimitAsync(name, cancellationToken), await usage.UsageAsync(name, cancellationToken), own is null);
    }
}
