using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Certificates;
using Berth.Discovery.Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/certificates/wildcard</c> (admin only): the certificate for <c>*.{BaseDomain}</c>, which the gateways serve
/// for every app host name (<c>{app}.{BaseDomain}</c>) that has no certificate of its own. Kept in the same store as
/// every other certificate, its key sealed; checked as tenants' uploads are (key, name, clock).
/// </summary>
internal static class WildcardCertificateApi
{
    public static RouteGroupBuilder MapWildcardCertificateApi(this RouteGroupBuilder v1)
    {
        var wildcard = v1.MapGroup("/certificates/wildcard").RequireAuthorization(Policies.Admin);
        wildcard.MapPut("/", UploadAsync);
        wildcard.MapGet("/", GetAsync);
        wildcard.MapDelete("/", RemoveAsync);
        return v1;
    }

    private static async Task<Results<Ok<CertificateView>, ProblemHttpResult>> UploadAsync(
        UploadCertificateRequest request, HttpContext context, CertificateStore certificates, IOptions<BerthOptions> options, TimeProvider time)
    {
        var name = Name(options);
        if (UploadedCertificate.TryRead(request.Chain, request.Key, name, time.GetUtcNow(), out var reason) is not { } read)
        {
            return Problems.BadRequest(reason);
        }

        using var certificate = read.Certificate;
        var stored = await certificates.PutAsync(name, certificate, read.Chain, CertificateSources.Upload, context.RequestAborted);
        return TypedResults.Ok(CertificateViewMapping.From(stored));
    }

    private static async Task<Results<Ok<CertificateView>, ProblemHttpResult>> GetAsync(
        HttpContext context, CertificateStore certificates, IOptions<BerthOptions> options) =>
        await certificates.GetAsync(Name(options), context.RequestAborted) is { } stored
            ? TypedResults.Ok(CertificateViewMapping.From(stored))
            : Problems.NotFound($"no wildcard certificate is stored for '{Name(options)}'");

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        HttpContext context, CertificateStore certificates, CertificateIssuer issuer, IOptions<BerthOptions> options)
    {
        if (!await certificates.DeleteAsync(Name(options), context.RequestAborted))
        {
            return Problems.NotFound($"no wildcard certificate is stored for '{Name(options)}'");
        }

        // With ACME for app host names on, those the wildcard covered get certificates of their own now.
        issuer.Wake();
        return TypedResults.NoContent();
    }

    private static string Name(IOptions<BerthOptions> options) => "*." + options.Value.BaseDomain.ToLowerInvariant();
}
