using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Gateway.Tls;

/// <summary>The handshake settings every certificate is served with: TLS 1.2 and 1.3, ALPN offering h2 then http/1.1.</summary>
internal static class TlsSettings
{
    /// <summary>
    /// Settings serving <paramref name="certificate"/> with <paramref name="chain"/> (intermediates, not the root). The
    /// certificate context is built once here, not per handshake: building it walks the chain, and reusing it lets
    /// OpenSSL resume sessions.
    /// </summary>
    public static SslServerAuthenticationOptions For(X509Certificate2 certificate, X509Certificate2Collection? chain = null) => new()
    {
        ServerCertificateContext = SslStreamCertificateContext.Create(certificate, chain, offline: true),
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };

    /// <summary>When a certificate is replaced: after two thirds of its lifetime.</summary>
    public static DateTimeOffset RenewAt(X509Certificate2 certificate)
    {
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        return notBefore + ((notAfter - notBefore) * 2 / 3);
    }
}
