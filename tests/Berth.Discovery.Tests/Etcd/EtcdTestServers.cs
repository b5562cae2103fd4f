using Berth.Discovery.Selection;

namespace Berth.Discovery.Tests.Etcd;

/// <summary>The etcd members started by scripts/start-etcd.sh (plain and --secure), as discovery options.</summary>
internal static class EtcdTestServers
{
    private static readonly string Run = Environment.GetEnvironmentVariable("BERTH_RUN") is { Length: > 0 } run ? run : "/var/tmp/berth";

    private static string SecureDir => Path.Combine(Run, "etcd-secure");

    private static string Pki(string file) => Path.Combine(SecureDir, "pki", file);

    /// <summary>The plain member: no TLS, no auth.</summary>
    public static DiscoveryOptions Plain() => new() { Provider = DiscoveryProviders.Etcd, Endpoints = ["http://127.0.0.1:2379"] };

    /// <summary>The secure member as <paramref name="user"/> (root, berth or gateway; null for no credentials), with the client certificate.</summary>
    public static DiscoveryOptions Secure(string? user) => new()
    {
        Provider = DiscoveryProviders.Etcd,
        Endpoints = ["https://127.0.0.1:2479"],
        Username = user,
        Password = user is null ? null : File.ReadAllText(Path.Combine(SecureDir, $"{user}.password")).Trim(),
        CaFile = Pki("ca.crt"),
        ClientCertFile = Pki("client.crt"),
        ClientKeyFile = Pki("client.key"),
    };
}
