using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Gateway.Tls;

/// <summary>
/// Berth's own certificate authority, for installations without an ACME directory (as Caddy's internal issuer): a
/// P-256 root kept in a folder (made on first start, read on later ones, so clients keep trusting it) that signs
/// short-lived leaf certificates for the names the gateway serves.
/// </summary>
public sealed class LocalAuthority : IDisposable
{
    /// <summary>The root certificate's file name in the authority's folder (PEM); what <c>curl --cacert</c> is given.</summary>
    public const string RootFileName = "root.crt";

    private const string KeyFileName = "root.key";
    private static readonly TimeSpan RootLifetime = TimeSpan.FromDays(3650);

    private readonly X509Certificate2 _root;
    private readonly ECDsa _rootKey;
    private readonly TimeProvider _time;

    private LocalAuthority(X509Certificate2 root, ECDsa rootKey, string rootPath, TimeProvider time)
    {
        _root = root;
        _rootKey = rootKey;
        _time = time;
        RootPath = rootPath;
    }

    /// <summary>How long a leaf certificate is valid; it is replaced after two thirds of it, as ACME ones are.</summary>
    public static TimeSpan LeafLifetime { get; } = TimeSpan.FromDays(7);

    /// <summary>The root certificate's PEM file.</summary>
    public string RootPath { get; }

    /// <summary>The root certificate (public part only).</summary>
    public X509Certificate2 Root => _root;

    /// <summary>
    /// The authority kept in <paramref name="directory"/>: read when it holds one, made (and written, the key readable
    /// by the owner only) when it does not.
    /// </summary>
    public static LocalAuthority OpenOrCreate(string directory, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var certificatePath = Path.Combine(directory, RootFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(keyPath));
            return new LocalAuthority(X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)), key, certificatePath, time);
        }

        CreateDirectory(directory);
        var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = time.GetUtcNow();
        var request = new CertificateRequest($"CN=Berth Local Authority {now:yyyy-MM-dd HH:mm:ss}, O=Berth", rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var selfSigned = request.CreateSelfSigned(now.AddMinutes(-5), now + RootLifetime);
        var root = X509CertificateLoader.LoadCertificate(selfSigned.RawData);
        WritePrivate(keyPath, rootKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, root.ExportCertificatePem() + "\n");
        return new LocalAuthority(root, rootKey, certificatePath, time);
    }

    /// <summary>A new P-256 leaf certificate (with its key) for <paramref name="name"/>, valid from a few minutes ago for <see cref="LeafLifetime"/>.</summary>
    public X509Certificate2 Issue(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (System.Net.IPAddress.TryParse(name, out var address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build(true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));
        var now = _time.GetUtcNow();
        var notAfter = now + LeafLifetime;
        if (notAfter > _root.NotAfter)
        {
            notAfter = _root.NotAfter;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var signed = request.Create(_root.SubjectName, X509SignatureGenerator.CreateForECDsa(_rootKey), now.AddMinutes(-5), notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        _rootKey.Dispose();
        _root.Dispose();
    }

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WritePrivate(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(text);
    }
}
