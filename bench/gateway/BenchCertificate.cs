using System.Security.Cryptography.X509Certificates;
using Berth.Discovery.Certificates;
using Berth.Discovery.Config;
using Berth.Discovery.Etcd;
using Berth.Discovery.Selection;

namespace Berth.Bench.Gateway;

/// <summary>
/// Puts one certificate (the PEM files nginx serves too) into the certificate store of the benchmark's etcd under each
/// given name, its key sealed with the installation key the gateway is given, as an upload through the API would: the
/// gateway then serves that very certificate by SNI.
/// </summary>
internal static class BenchCertificate
{
    public static async Task<int> StoreAsync(string endpoint, string certificateFile, string keyFile, string secretKey, string[] names)
    {
        using var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        using var store = new EtcdDiscoveryStore(new DiscoveryOptions { Provider = DiscoveryProviders.Etcd, Endpoints = [endpoint] });
        var certificates = new CertificateStore(store, new SecretProtector(Convert.FromBase64String(secretKey)));
        foreach (var name in names)
        {
            await certificates.PutAsync(name, certificate, [], CertificateSources.Upload, CancellationToken.None);
        }

        return 0;
    }
}
