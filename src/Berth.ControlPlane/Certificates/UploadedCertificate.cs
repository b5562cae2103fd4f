using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Berth.ControlPlane.Certificates;

/// <summary>
/// Reads a tenant's certificate upload and checks it before it may serve: PEM certificates and a PEM private key, the
/// key the certificate's own, the certificate made out for the domain (a wildcard counts), valid now. For a wildcard
/// name (<c>*.example.com</c>, the admin's upload for the base domain) the certificate must name that wildcard itself.
/// </summary>
internal static class UploadedCertificate
{
    /// <summary>The certificate with its key and the rest of the chain; or null and why it is refused.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain)? TryRead(
        string? chainPem, string? keyPem, string domain, DateTimeOffset now, out string reason)
    {
        reason = "";
        if (string.IsNullOrWhiteSpace(chainPem) || string.IsNullOrWhiteSpace(keyPem))
        {
            reason = "both 'chain' (PEM certificates, the domain's first) and 'key' (its PEM private key) are required";
            return null;
        }

        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPem(chainPem);
        }
        catch (CryptographicException e)
        {
            reason = $"'chain' is not PEM certificates: {e.Message}";
            return null;
        }

        if (all.Count == 0)
        {
            reason = "'chain' holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
            return null;
        }

        var leaf = all[0];
        var covers = domain.StartsWith("*.", StringComparison.Ordinal)
            ? Discovery.Certificates.CertificateStore.NamesOf(leaf).Contains(domain, StringComparer.OrdinalIgnoreCase)
            : leaf.MatchesHostname(domain, allowWildcards: true, allowCommonName: false);
        if (!covers)
        {
            var names = Discovery.Certificates.CertificateStore.NamesOf(leaf);
            reason = $"the certificate is for {(names.Count == 0 ? leaf.Subject : string.Join(", ", names))}, not {domain}";
            return null;
        }

        if (now >= leaf.NotAfter.ToUniversalTime())
        {
            reason = $"the certificate expired at {leaf.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}";
            return null;
        }

        if (now < leaf.NotBefore.ToUniversalTime())
        {
            reason = $"the certificate is not valid before {leaf.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}";
            return null;
        }

        if (WithKey(leaf, keyPem, out reason) is not { } certificate)
        {
            return null;
        }

        var rest = new X509Certificate2Collection();
        rest.AddRange(all.Skip(1).ToArray());
        return (certificate, rest);
    }

    private const string KeyMismatch = "the key does not match the certificate (its public key is another's)";

    private static X509Certificate2? WithKey(X509Certificate2 leaf, string keyPem, out string reason)
    {
        reason = "";
        using var key = ReadKey(keyPem);
        if (key is null)
        {
            reason = "'key' is not a PEM private key (PKCS#8, EC or RSA)";
            return null;
        }

        try
        {
            return key switch
            {
                ECDsa ec when leaf.GetECDsaPublicKey() is not null => leaf.CopyWithPrivateKey(ec),
                RSA rsa when leaf.GetRSAPublicKey() is not null => leaf.CopyWithPrivateKey(rsa),
                _ => throw new ArgumentException(KeyMismatch),
            };
        }
        catch (ArgumentException)
        {
            reason = KeyMismatch;
            return null;
        }
    }

    private static AsymmetricAlgorithm? ReadKey(string pem)
    {
        foreach (var key in new AsymmetricAlgorithm[] { ECDsa.Create(), RSA.Create() })
        {
            try
            {
                key.ImportFromPem(pem);
                return key;
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                key.Dispose();
            }
        }

        return null;
    }
}
