using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Certificates;

/// <summary>
/// The HTTP client the ACME server is reached with: the machine's roots, or only <see cref="AcmeOptions.DirectoryCaFile"/>
/// for a private or test server (Pebble's certificate is its own).
/// </summary>
internal sealed class AcmeHttp : IDisposable
{
    public AcmeHttp(IOptions<BerthOptions> options)
    {
        var handler = new SocketsHttpHandler { UseProxy = false };
        if (options.Value.Acme.DirectoryCaFile is { Length: > 0 } file)
        {
            var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(file));
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, presented, _, errors) => IsTrusted(presented, errors, trusted) };
        }

        Client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();

    private static bool IsTrusted(X509Certificate? presented, SslPolicyErrors errors, X509Certificate2 trusted)
    {
        if (presented is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        if (leaf.RawData.AsSpan().SequenceEqual(trusted.RawData))
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
