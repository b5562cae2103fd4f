namespace Berth.Discovery.Certificates;

/// <summary>
/// One entry of the certificate store: the PEM chain (leaf first, no root), its private key (PKCS#8 PEM sealed by the
/// installation's secret key, bound to the entry's discovery key), where it came from, and the facts the API shows and
/// the issuer renews by, kept beside the chain so nobody parses it to list them.
/// </summary>
public sealed record StoredCertificate(
    string Name,
    string Chain,
    string SealedKey,
    string Source,
    string Issuer,
    IReadOnlyList<string> Names,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter)
{
    /// <summary>When it is due for renewal: after two thirds of its lifetime, as Let's Encrypt advises.</summary>
    public DateTimeOffset RenewAt => NotBefore + ((NotAfter - NotBefore) * 2 / 3);
}
