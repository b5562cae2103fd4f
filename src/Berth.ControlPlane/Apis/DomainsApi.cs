using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.Core.Gateway;
using Berth.Core.State;
using Berth.Discovery.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Apis;

/// <summary><c>/v1/apps/{id}/domains</c>: custom domains a tenant points at an app by CNAME; each belongs to one app.</summary>
public static class DomainsApi
{
    public static RouteGroupBuilder MapDomainsApi(this RouteGroupBuilder v1)
    {
        var domains = v1.MapGroup("/apps/{id}/domains");
        domains.MapPost("/", AddAsync);
        domains.MapGet("/", ListAsync);
        domains.MapDelete("/{domain}", RemoveAsync);
        return v1;
    }

    private static async Task<Results<Created<DomainView>, ProblemHttpResult>> AddAsync(
        string id, AddDomainRequest request, HttpContext context, IGatewaySettingsStore settings,
        GatewaySettingsPublisher publisher, IOptions<BerthOptions> options, TimeProvider time)
    {
        if (!DomainNames.TryNormalize(request.Domain, out var domain, out var reason))
        {
            return Problems.BadRequest($"domain {reason}");
        }

        var baseDomain = options.Value.BaseDomain;
        if (DomainNames.IsWithin(domain, baseDomain))
        {
            return Problems.BadRequest($"domain '{domain}' is under the base domain '{baseDomain}', where app ids already answer ({id}.{baseDomain})");
        }

        var custom = new CustomDomain(domain, id, time.GetUtcNow());
        try
        {
            await settings.AddDomainAsync(custom, context.RequestAborted);
        }
        catch (ConflictException)
        {
            return Problems.Conflict($"domain '{domain}' already belongs to an app; remove it there first");
        }

        await publisher.PublishDomainAsync(domain, id, context.RequestAborted);
        return TypedResults.Created($"/v1/apps/{id}/domains/{domain}", DomainView.From(custom, baseDomain));
    }

    private static async Task<Results<Ok<DomainView[]>, ProblemHttpResult>> ListAsync(
        string id, HttpContext context, IGatewaySettingsStore settings, IOptions<BerthOptions> options)
    {
        var domains = await settings.ListDomainsAsync(id, context.RequestAborted);
        return TypedResults.Ok(domains.Select(d => DomainView.From(d, options.Value.BaseDomain)).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string id, string domain, HttpContext context, IGatewaySettingsStore settings, GatewaySettingsPublisher publisher)
    {
        if (!DomainNames.TryNormalize(domain, out var normalized, out _) || !await settings.RemoveDomainAsync(id, normalized, context.RequestAborted))
        {
            return Problems.NotFound($"app '{id}' has no domain '{domain}'");
        }

        await publisher.UnpublishDomainAsync(normalized, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
