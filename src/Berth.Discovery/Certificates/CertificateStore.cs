using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Berth.Core.Discovery;
using Berth.Discovery.Config;

namespace Berth.Discovery.Certificates;

/// <summary>
/// The one certificate store every gateway reads: certificates and their keys in discovery, the keys sealed with the
/// installation's secret key exactly as secret config values are (<see cref="SecretProtector"/>, AES-256-GCM with the
/// discovery key as associated data, so an entry copied under another name does not open).
/// </summary>
public sealed class CertificateStore(IDiscoveryStore store, SecretProtector protector)
{
    /// <summary>Stores <paramref name="certificate"/> (with its private key) and <paramref name="chain"/> under <paramref name="name"/>.</summary>
    public async Task<StoredCertificate> PutAsync(
        string name, X509Certificate2 certificate, X509Certificate2Collection chain, string source, CancellationToken cancellationToken)
    {
        var key = CertificateKeys.For(name);
        var entry = Describe(name, certificate, chain, source, protector.Protect(PrivateKeyPem(certificate), key));
        await store.PutAsync(key, JsonSerializer.Serialize(entry, CertificateJson.Default.StoredCertificate), cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>The entry for <paramref name="name"/>; null when there is none (or it cannot be read as one).</summary>
    public async Task<StoredCertificate?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var key = CertificateKeys.For(name);
        var snapshot = await store.GetPrefixAsync(key, cancellationToken).ConfigureAwait(false);
        return snapshot.Entries.FirstOrDefault(e => e.Key == key) is { } found ? ReadEntry(found.Value) : null;
    }

    /// <summary>Removes the entry for <paramref name="name"/>; false when there was none.</summary>
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        store.DeleteAsync(CertificateKeys.For(name), cancellationToken);

    /// <summary>The entry's JSON, or null when it is not one.</summary>
    public static StoredCertificate? ReadEntry(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CertificateJson.Default.StoredCertificate);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The certificate with its private key (unsealed) and the rest of its chain, ready to serve.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain) Open(StoredCertificate entry, SecretProtector protector)
    {
        var keyPem = protector.Unprotect(entry.SealedKey, CertificateKeys.For(entry.Name));
        var all = new X509Certificate2Collection();
        all.ImportFromPem(entry.Chain);
        if (all.Count == 0)
        {
            throw new CryptographicException($"the stored chain of {entry.Name} holds no certificate");
        }

        using var leaf = all[0];
        var certificate = X509Certificate2.CreateFromPem(leaf.ExportCertificatePem(), keyPem);
        var rest = new X509Certificate2Collection();
        rest.AddRange(all.Skip(1).ToArray());
        return (certificate, rest);
    }

    /// <summary>The DNS names a certificate is for (its subject alternative names).</summary>
    public static IReadOnlyList<string> NamesOf(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToList();

    private static StoredCertificate Describe(string name, X509Certificate2 certificate, X509Certificate2Collection chain, string source, string sealedKey)
    {
        var pem = string.Concat(new[] { certificate }.Concat(chain).Select(c => c.ExportCertificatePem() + "\n"));
        return new StoredCertificate(
            name.ToLowerInvariant(),
            pem,
            sealedKey,
            source,
            certificate.IssuerName.Name,
            NamesOf(certificate),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }

    private static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using var ec = certificate.GetECDsaPrivateKey();
        if (ec is not null)
        {
            return ec.ExportPkcs8PrivateKeyPem();
        }

        using var rsa = certificate.GetRSAPrivateKey();
        return rsa?.ExportPkcs8PrivateKeyPem() ?? throw new ArgumentException("the certificate has no ECDSA or RSA private key", nameof(certificate));
    }
}
