using Berth.ControlPlane.Apis;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Security.Quotas;
using Berth.ControlPlane.Security.Registry;
using Berth.Core.Projects;
using Berth.Core.State;
using Berth.Core.Tenants;
using Berth.Discovery.Gateway;
using Berth.Projects.Compose;
using Berth.Projects.Planning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// The checks an app create makes, for each service of a compose file before anything runs: its app id is free (or
/// already this project's), the tenant may run its image, its domains are valid and not another app's; and the
/// project as a whole stays within the tenant's quota.
/// </summary>
internal sealed class ProjectAdmission(
    IStateStore store, IGatewaySettingsStore settings, AppImagePolicy images, TenantQuotas quotas, IOptions<BerthOptions> options, TimeProvider time)
{
    public async Task<ProblemHttpResult?> RefuseAsync(Project project, ComposeProject compose, Caller caller, CancellationToken cancellationToken)
    {
        // First, so a project refused for its size reserves no app id.
        if (await quotas.CheckAsync(project.Tenant, await QuotaAskAsync(project, compose, cancellationToken), cancellationToken) is { } exceeded)
        {
            return exceeded;
        }

        foreach (var service in compose.Services)
        {
            var app = ServiceApps.For(project.Tenant, project.Name, service, time.GetUtcNow());
            if (await store.GetAppAsync(app.Id, cancellationToken) is { } existing && !ProjectDeployer.IsServiceOf(existing, project))
            {
                return Problems.Conflict($"service '{service.Name}': app id '{app.Id}' is taken by an app outside this project");
            }

            if (app.Image is not null && app.Image != app.Id && await images.RefuseImageAsync(app, cancellationToken) is { } refused)
            {
                return Problems.BadRequest($"service '{service.Name}': {refused}");
            }

            // Last, as for an app create: reserving the id keeps its repository the tenant's for good.
            if (await images.ReserveIdAsync(app, cancellationToken) is { } taken)
            {
                return Problems.Conflict($"service '{service.Name}': {taken}");
            }

            foreach (var text in service.Berth.Domains)
            {
                if (!DomainNames.TryNormalize(text, out var domain, out var reason))
                {
                    return Problems.BadRequest($"service '{service.Name}': x-berth domain {reason}");
                }

                if (DomainNames.IsWithin(domain, options.Value.BaseDomain))
                {
                    return Problems.BadRequest($"service '{service.Name}': domain '{domain}' is under the base domain '{options.Value.BaseDomain}', where app ids already answer");
                }

                if ((await settings.ListDomainsAsync(null, cancellationToken)).FirstOrDefault(d => d.Domain == domain) is { } owner && owner.AppId != app.Id)
                {
                    return Problems.Conflict($"service '{service.Name}': domain '{domain}' already belongs to another app");
                }
            }
        }

        return null;
    }

    /// <summary>What the project wants: its services' instances in place of what they want now, new apps, new domains.</summary>
    private async Task<QuotaAsk> QuotaAskAsync(Project project, ComposeProject compose, CancellationToken cancellationToken)
    {
        var asked = new TenantResources();
        var replacing = new List<string>();
        foreach (var service in compose.Services)
        {
            var app = ServiceApps.For(project.Tenant, project.Name, service, time.GetUtcNow());
            asked = asked.Plus(QuotaAsk.Instances(app, service.Replicas).Amounts);
            if (await store.GetAppAsync(app.Id, cancellationToken) is null)
            {
                asked = asked with { Apps = asked.Apps + 1, Domains = asked.Domains + service.Berth.Domains.Count };
                continue;
            }

            replacing.Add(app.Id);
            var held = (await settings.ListDomainsAsync(app.Id, cancellationToken)).Select(d => d.Domain)
                .Concat((await settings.ListDomainClaimsAsync(app.Id, cancellationToken)).Select(c => c.Domain))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            asked = asked with { Domains = asked.Domains + service.Berth.Domains.Count(d => !held.Contains(d.TrimEnd('.'))) };
        }

        return new QuotaAsk(asked, replacing);
    }
}
