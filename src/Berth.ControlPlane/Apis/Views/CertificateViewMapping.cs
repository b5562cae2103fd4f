using Berth.Contracts;
using Berth.Discovery.Certificates;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>The API's view of a stored certificate (never its key).</summary>
internal static class CertificateViewMapping
{
    public static CertificateView From(StoredCertificate stored) => new(
        stored.Name,
        stored.Source,
        stored.Issuer,
        stored.Names,
        stored.NotBefore,
        stored.NotAfter,
        stored.Source == CertificateSources.Acme ? stored.RenewAt : null);
}
