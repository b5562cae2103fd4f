using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Berth.Core.Hosts;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;

namespace Berth.Runtime.Docker;

/// <summary>Loads an engine's TLS files into client credentials that trust the engine's certificate only through the given CA.</summary>
internal static class EngineCertificates
{
    /// <summary>The credentials, or a <see cref="ContainerRuntimeException"/> naming the files that could not be read.</summary>
    public static IAuthProvider Credentials(EngineTls tls)
    {
        X509Certificate2 authority;
        X509Certificate2 certificate;
        try
        {
            authority = DockerTlsCertificates.LoadCertificateAuthorityFromPemFile(tls.CaFile);
            certificate = DockerTlsCertificates.LoadCertificateFromPemFiles(tls.CertFile, tls.KeyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ContainerRuntimeException(
                $"the engine's TLS files (CA {tls.CaFile}, certificate {tls.CertFile}, key {tls.KeyFile}) cannot be used: {e.Message}", e);
        }

        // The package's own DockerTlsCertificates credentials offered no client certificate to the engine here, so the
        // plain certificate credentials are used with a CA check of our own.
        return new CertificateCredentials(certificate) { ServerCertificateValidationCallback = (_, presented, _, errors) => TrustedBy(authority, presented, errors) };
    }

    /// <summary>The engine's certificate names the address dialled and chains to <paramref name="authority"/>, not to the machine's roots.</summary>
    private static bool TrustedBy(X509Certificate2 authority, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(presented);
        return chain.Build(server);
    }
}
