namespace Berth.Discovery.Selection;

/// <summary>Which discovery backend Berth uses and how to reach it: configuration section <c>Discovery</c>.</summary>
public sealed class DiscoveryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Discovery";

    /// <summary>One of <see cref="DiscoveryProviders"/>: <c>embedded</c> (the default), <c>etcd</c> or <c>zookeeper</c>.</summary>
    public string Provider { get; set; } = DiscoveryProviders.Embedded;

    /// <summary>
    /// Where the backend listens: etcd URLs such as <c>http://127.0.0.1:2379</c> (<c>https://</c> for TLS), or ZooKeeper
    /// <c>host:port</c> pairs. Several endpoints make one cluster; unused by the embedded store.
    /// </summary>
    public IList<string> Endpoints { get; set; } = [];

    /// <summary>The user Berth authenticates as (etcd user, ZooKeeper digest user); none when empty.</summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>A PEM file with the CA that signed the server's certificate; the system's roots when empty.</summary>
    public string? CaFile { get; set; }

    /// <summary>A PEM client certificate, for servers that require client TLS; with <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertFile { get; set; }

    /// <summary>The PEM private key of <see cref="ClientCertFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>
    /// ZooKeeper only: the digest id (<c>user:base64(sha1(user:password))</c>) of a user that may only read what a
    /// gateway routes by (addresses, app markers, domains, traffic splits, blacklists, active versions), such as the
    /// gateways'; Berth's own nodes carry an ACL naming it.
    /// </summary>
    public string? ReaderId { get; set; }

    /// <summary>ZooKeeper's session timeout, in seconds.</summary>
    public int SessionTimeoutSeconds { get; set; } = 10;
}
