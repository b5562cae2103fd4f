using Berth.Core.Apps;
using Berth.Core.State;
using Berth.Core.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Quotas;

/// <summary>
/// Per-tenant quotas, checked when a request would take more (app create, deploy and scale, service create, domain
/// add). A check reads what the tenant holds and refuses with the key exceeded, its limit, what is in use and what
/// was asked. Checks are not serialized: two requests at once may both pass by the size of one.
/// </summary>
internal sealed class TenantQuotas(ITenantQuotaStore quotas, IStateStore store, IServiceStore services, IGatewaySettingsStore domains, IOptions<BerthOptions> options)
{
    /// <summary>The tenant's quota: its own, or the server's defaults.</summary>
    public async Task<TenantResources> LimitAsync(string tenant, CancellationToken cancellationToken) =>
        await quotas.GetQuotaAsync(tenant, cancellationToken) ?? options.Value.DefaultQuota;

    /// <summary>What the tenant holds now, leaving out the instances of the apps in <paramref name="except"/>.</summary>
    public async Task<TenantResources> UsageAsync(string tenant, CancellationToken cancellationToken, IReadOnlyCollection<string>? except = null)
    {
        var apps = await store.ListAppsAsync(tenant, cancellationToken);
        var used = new TenantResources { Apps = apps.Count };
        foreach (var app in apps.Where(a => except?.Contains(a.Id) != true))
        {
            used = used.Plus(QuotaAsk.Instances(app, Wanted(app)).Amounts);
        }

        foreach (var service in await services.ListServicesAsync(tenant, cancellationToken))
        {
            used = used.Plus(QuotaAsk.Service(service.MemoryMb).Amounts);
        }

        var claims = await domains.ListDomainClaimsAsync(null, cancellationToken);
        var proven = await domains.ListDomainsAsync(null, cancellationToken);
        var ids = apps.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return used with { Domains = claims.Count(c => ids.Contains(c.AppId)) + proven.Count(d => ids.Contains(d.AppId)) };
    }

    /// <summary>Null when the tenant may have what is asked; otherwise a 403 naming the first key it would exceed.</summary>
    public async Task<ProblemHttpResult?> CheckAsync(string tenant, QuotaAsk ask, CancellationToken cancellationToken)
    {
        var limit = await LimitAsync(tenant, cancellationToken);
        var used = await UsageAsync(tenant, cancellationToken, ask.Replacing);
        foreach (var (name, get, _) in TenantResources.Keys)
        {
            var asked = get(ask.Amounts);
            if (asked > 0 && get(used) + asked > get(limit))
            {
                return TypedResults.Problem(
                    $"tenant '{tenant}' would exceed its {name} quota: limit {get(limit)}, in use {get(used)}, asked {asked}",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Quota exceeded",
                    extensions: new Dictionary<string, object?> { ["quota"] = name, ["limit"] = get(limit), ["inUse"] = get(used), ["asked"] = asked });
            }
        }

        return null;
    }

    private static int Wanted(App app) => app.Deleting ? 0 : app.Instances + app.CanaryInstances;
}
