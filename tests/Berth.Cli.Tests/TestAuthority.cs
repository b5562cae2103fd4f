using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Cli.Tests;

/// <summary>
/// A private certificate authority of a test's own, as an operator's: its root in <c>ca.crt</c>, and a P-256 server
/// certificate it signed for 127.0.0.1 and localhost in <c>api.crt</c> with its key in <c>api.key</c>.
/// </summary>
internal sealed class TestAuthority
{
    private TestAuthority(string folder)
    {
        RootFile = Path.Combine(folder, "ca.crt");
        CertificateFile = Path.Combine(folder, "api.crt");
        KeyFile = Path.Combine(folder, "api.key");
    }

    public string RootFile { get; }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    /// <summary>Makes the authority and its server certificate in <paramref name="folder"/>.</summary>
    public static TestAuthority Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new TestAuthority(folder);
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN=Test Authority {Guid.NewGuid():N}", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var server = request.Create(root, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));

        File.WriteAllText(files.RootFile, root.ExportCertificatePem() + "\n");
        File.WriteAllText(files.CertificateFile, server.ExportCertificatePem() + "\n");
        File.WriteAllText(files.KeyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        return files;
    }
}
