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

    /// <summary>
    /// The prefix of on-demand requests: a gateway that got a handshake for a name it routes but holds no stored
    /// certificate for writes <c>/caas/acme/wanted/{name}</c> (value: who asked). Only the leader acts on them (issuing
    /// for names it knows, under its own rate limits) and deletes them, as with the wake requests of scale to zero; etcd's
    /// gateway role may write here and nowhere else but <c>/caas/wake/</c>.
    /// </summary>
    public const string WantedRoot = DiscoveryKeys.Root + "acme/wanted/";

    /// <summary><c>/caas/acme/wanted/{name}</c>.</summary>
    public static string Wanted(string name) => WantedRoot + name.ToLowerInvariant();

    /// <summary><c>/caas/certificates/{name}</c>; <paramref name="name"/> is a DNS name, <c>*.example.com</c> for a wildcard.</summary>
    public static string For(string name) => Root + name.ToLowerInvariant();
}
