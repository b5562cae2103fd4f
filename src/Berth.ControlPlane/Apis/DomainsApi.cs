using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Certificates;
using Berth.ControlPlane.Security.Domains;
using Berth.ControlPlane.Security.Quotas;
using Berth.Core.State;
using Berth.Discovery.Certificates;
using Berth.Discovery.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/apps/{id}/domains</c>: custom domains a tenant points at an app by CNAME; each belongs to one app. A domain
/// is added pending, with a token to put in a TXT record <c>_berth.{domain}</c>; it routes once verified.
/// </summary>
internal static class DomainsApi
{
    public static RouteGroupBuilder MapDomainsApi(this RouteGroupBuilder v1)
    {
        var domains = v1.MapGroup("/apps/{id}/domains");
        domains.MapPost("/", AddAsync);
        domains.MapGet("/", ListAsync);
        domains.MapPost("/{domain}/verify", VerifyAsync);
        domains.MapDelete("/{domain}", RemoveAsync);
        return v1;
    }

    private static async Task<Results<Created<DomainView>, Ok<DomainView>, ProblemHttpResult>> AddAsync(
        string id, AddDomainRequest request, HttpContext context, IGatewaySettingsStore settings, DomainVerifier verifier,
        TenantQuotas quotas, IOptions<BerthOptions> options)
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

        if ((await settings.ListDomainsAsync(null, context.RequestAborted)).FirstOrDefault(d => d.Domain == domain) is { } held)
        {
            return held.AppId == id
                ? TypedResults.Ok(DomainView.From(held, baseDomain))
                : Problems.Conflict($"domain '{domain}' already belongs to an app; remove it there first");
        }

        if (await quotas.CheckAsync(context.OwnedApp().Tenant, QuotaAsk.Domain, context.RequestAborted) is { } exceeded)
        {
            return exceeded;
        }

        var claim = await settings.ClaimDomainAsync(verifier.NewClaim(domain, id), context.RequestAborted);
        return TypedResults.Created($"/v1/apps/{id}/domains/{domain}", DomainView.From(claim, baseDomain));
    }

    private static async Task<Results<Ok<DomainView>, ProblemHttpResult>> VerifyAsync(
        string id, string domain, HttpContext context, IGatewaySettingsStore settings, DomainVerifier verifier, CertificateIssuer certificates,
        IOptions<BerthOptions> options)
    {
        DomainNames.TryNormalize(domain, out var normalized, out _);
        if ((await settings.ListDomainsAsync(id, context.RequestAborted)).FirstOrDefault(d => d.Domain == normalized) is { } held)
        {
            return TypedResults.Ok(DomainView.From(held, options.Value.BaseDomain));
        }

        if ((await settings.ListDomainClaimsAsync(id, context.RequestAborted)).FirstOrDefault(c => c.Domain == normalized) is not { } claim)
        {
            return Problems.NotFound($"app '{id}' has no domain '{domain}'");
        }

        try
        {
            var (verified, reason) = await verifier.TryVerifyAsync(claim, context.RequestAborted);
            if (verified is not null)
            {
                // Its certificate comes now rather than at the next check (where this process leads).
                certificates.Wake();
            }

            return verified is null
                ? Problems.Conflict($"domain '{normalized}' is not verified: {reason}")
                : TypedResults.Ok(DomainView.From(verified, options.Value.BaseDomain));
        }
        catch (ConflictException)
        {
            return Problems.Conflict($"domain '{normalized}' was proven by another app first");
        }
    }

    private static async Task<Ok<DomainView[]>> ListAsync(
        string id, HttpContext context, IGatewaySettingsStore settings, CertificateStore certificates, IOptions<BerthOptions> options)
    {
        var baseDomain = options.Value.BaseDomain;
        var verified = new List<DomainView>();
        foreach (var domain in await settings.ListDomainsAsync(id, context.RequestAborted))
        {
            var stored = await certificates.GetAsync(domain.Domain, context.RequestAborted);
            verified.Add(DomainView.From(domain, baseDomain) with { Certificate = stored is null ? null : CertificateViewMapping.From(stored) });
        }

        var pending = (await settings.ListDomainClaimsAsync(id, context.RequestAborted)).Select(c => DomainView.From(c, baseDomain));
        return TypedResults.Ok(verified.Concat(pending).OrderBy(d => d.Domain, StringComparer.Ordinal).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string id, string domain, HttpContext context, IGatewaySettingsStore settings, GatewaySettingsPublisher publisher, CertificateStore certificates)
    {
        if (!DomainNames.TryNormalize(domain, out var normalized, out _) || !await settings.RemoveDomainAsync(id, normalized, context.RequestAborted))
        {
            return Problems.NotFound($"app '{id}' has no domain '{domain}'");
        }

        // Withdraw only what this app routes: another app's route of the same name (proven there) is not ours to drop.
        if (!(await settings.ListDomainsAsync(null, context.RequestAborted)).Any(d => d.Domain == normalized))
        {
            await publisher.UnpublishDomainAsync(normalized, context.RequestAborted);
            await certificates.DeleteAsync(normalized, context.RequestAborted);
        }

        return TypedResults.NoContent();
    }
}
