using Berth.Core.Gateway;
using Berth.ControlPlane.Security.Domains;

namespace Berth.ControlPlane.Apis.Dtos;

/// <summary>The body of <c>POST /v1/apps/{id}/domains</c>.</summary>
public sealed record AddDomainRequest(string? Domain);

/// <summary>The DNS record that proves a domain's owner: a TXT record <see cref="Name"/> holding <see cref="Value"/>.</summary>
public sealed record DomainVerificationView(string Type, string Name, string Value);

/// <summary>
/// A custom domain; <see cref="Target"/> is the name to point it at by CNAME. A <c>pending</c> one routes nowhere
/// until <see cref="Verification"/> is in DNS and it is verified; a <c>verified</c> one routes to the app.
/// </summary>
public sealed record DomainView(string Domain, string AppId, string Target, DateTimeOffset CreatedAt, string Status, DomainVerificationView? Verification)
{
    public const string Pending = "pending";
    public const string Verified = "verified";

    public static DomainView From(CustomDomain domain, string baseDomain) =>
        new(domain.Domain, domain.AppId, $"{domain.AppId}.{baseDomain}", domain.CreatedAt, Verified, null);

    public static DomainView From(DomainClaim claim, string baseDomain) =>
        new(claim.Domain, claim.AppId, $"{claim.AppId}.{baseDomain}", claim.CreatedAt, Pending,
            new DomainVerificationView("TXT", DomainVerifier.RecordName(claim.Domain), claim.Token));
}
