using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Berth.Discovery.Selection;

namespace Berth.Discovery.Etcd;

/// <summary>Client TLS for etcd: trust a private CA (the one our scripts make) and present a client certificate.</summary>
internal static class EtcdTls
{
    public static void Configure(SslClientAuthenticationOptions ssl, DiscoveryOptions options)
    {
        if (!string.IsNullOrEmpty(options.ClientCertFile))
        {
            ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(options.ClientCertFile, options.ClientKeyFile)];
        }

        if (!string.IsNullOrEmpty(options.CaFile))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(options.CaFile);
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, authorities);
        }
    }

    /// <summary>Valid for the host, and chained to <paramref name="authorities"/> alone rather than to the system's roots.</summary>
    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
