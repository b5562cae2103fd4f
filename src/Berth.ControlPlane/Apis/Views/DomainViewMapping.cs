using Berth.Contracts;
using Berth.ControlPlane.Security.Domains;
using Berth.Core.Gateway;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps a <see cref="CustomDomain"/> (verified) or a <see cref="DomainClaim"/> (pending) onto its view.</summary>
internal static class DomainViewMapping
{
    extension(DomainView)
    {
        public static DomainView From(CustomDomain domain, string baseDomain) =>
            new(domain.Domain, domain.AppId, $"{domain.AppId}.{baseDomain}", domain.CreatedAt, DomainView.Verified, null);

        public static DomainView From(DomainClaim claim, string baseDomain) =>
            new(claim.Domain, claim.AppId, $"{claim.AppId}.{baseDomain}", claim.CreatedAt, DomainView.Pending,
                new DomainVerificationView("TXT", DomainVerifier.RecordName(claim.Domain), claim.Token));
    }
}
