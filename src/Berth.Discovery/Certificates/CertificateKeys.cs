using Berth.Core.Discovery;

namespace Berth.Discovery.Certificates;

/// <summary>
/// The certificate store's layout: <c>/caas/certificates/{name}</c> → a <see cref="StoredCertificate"/> as JSON, its key
/// sealed. Only control planes (which write it) and gateways (which serve it) may read the prefix: etcd's gateway role
/// and ZooKeeper's reader ACL include it, nothing a tenant holds does.
/// </summary>
public static class CertificateKeys
{
    /// <summary>The prefix of every stored certificate.</summary>
    public const string Root = DiscoveryKeys.Root + "certificates/";

    /// <summary><c>/caas/certificates/{name}</c>; <paramref name="name"/> is a DNS name, <c>*.example.com</c> for a wildcard.</summary>
    public static string For(string name) => Root + name.ToLowerInvariant();
}
