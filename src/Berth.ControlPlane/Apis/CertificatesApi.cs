using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Certificates;
using Berth.Core.State;
using Berth.Discovery.Certificates;
using Berth.Discovery.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/apps/{id}/domains/{domain}/certificate</c>: the certificate the gateways serve for one of the app's verified
/// domains. A tenant may upload its own (checked against the domain, its key and the clock); <c>GET</c> shows it or the
/// one Berth issued over ACME; <c>DELETE</c> drops it (ACME, when configured, issues anew).
/// </summary>
internal static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificatesApi(this RouteGroupBuilder v1)
    {
        var certificate = v1.MapGroup("/apps/{id}/domains/{domain}/certificate");
        certificate.MapPut("/", UploadAsync);
        certificate.MapGet("/", GetAsync);
        certificate.MapDelete("/", RemoveAsync);
        return v1;
    }

    private static async Task<Results<Ok<CertificateView>, ProblemHttpResult>> UploadAsync(
        string id, string domain, UploadCertificateRequest request, HttpContext context, IGatewaySettingsStore settings, CertificateStore certificates,
        TimeProvider time)
    {
        if (await VerifiedDomainAsync(id, domain, context, settings) is { } refused)
        {
            return refused;
        }

        var name = Normalized(domain);
        if (UploadedCertificate.TryRead(request.Chain, request.Key, name, time.GetUtcNow(), out var reason) is not { } read)
        {
            return Problems.BadRequest(reason);
        }

        using var certificate = read.Certificate;
        var stored = await certificates.PutAsync(name, certificate, read.Chain, CertificateSources.Upload, context.RequestAborted);
        return TypedResults.Ok(CertificateViewMapping.From(stored));
    }

    private static async Task<Results<Ok<CertificateView>, ProblemHttpResult>> GetAsync(
        string id, string domain, HttpContext context, IGatewaySettingsStore settings, CertificateStore certificates)
    {
        if (await VerifiedDomainAsync(id, domain, context, settings) is { } refused)
        {
            return refused;
        }

        return await certificates.GetAsync(Normalized(domain), context.RequestAborted) is { } stored
            ? TypedResults.Ok(CertificateViewMapping.From(stored))
            : Problems.NotFound($"no certificate is stored for '{domain}'; the gateways serve it from their local authority");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string id, string domain, HttpContext context, IGatewaySettingsStore settings, CertificateStore certificates, CertificateIssuer issuer)
    {
        if (await VerifiedDomainAsync(id, domain, context, settings) is { } refused)
        {
            return refused;
        }

        if (!await certificates.DeleteAsync(Normalized(domain), context.RequestAborted))
        {
            return Problems.NotFound($"no certificate is stored for '{domain}'");
        }

        issuer.Wake();
        return TypedResults.NoContent();
    }

    /// <summary>Null when the domain is one of the app's verified ones; otherwise the answer (404 unknown, 409 pending).</summary>
    private static async Task<ProblemHttpResult?> VerifiedDomainAsync(string id, string domain, HttpContext context, IGatewaySettingsStore settings)
    {
        var name = Normalized(domain);
        if ((await settings.ListDomainsAsync(id, context.RequestAborted)).Any(d => d.Domain == name))
        {
            return null;
        }

        return (await settings.ListDomainClaimsAsync(id, context.RequestAborted)).Any(c => c.Domain == name)
            ? Problems.Conflict($"domain '{name}' is pending: verify it first (berth domains verify {id} {name})")
            : Problems.NotFound($"app '{id}' has no domain '{domain}'");
    }

    private static string Normalized(string domain) => DomainNames.TryNormalize(domain, out var normalized, out _) ? normalized : domain;
}
