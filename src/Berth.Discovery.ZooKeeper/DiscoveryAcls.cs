using Berth.Core.Discovery;
using Berth.Discovery.Certificates;
using Berth.Discovery.Gateway;
using Berth.Discovery.Sleep;
using Berth.ZooKeeper;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// The ACL of each node the store creates. ZooKeeper ACLs are per node and not inherited, so every node gets its own:
/// Berth's user may do everything; the reader (the gateway) may also read every key a gateway routes by — service
/// addresses, app markers and the gateway settings (domains, traffic splits, blacklists, active versions), the ACME
/// HTTP-01 answers, the certificate store (its keys sealed) and the sleeping marks of scale to zero — and nothing else (no config, secrets, members or elections). A gateway that could not read its blacklists would have to
/// refuse every app, so the settings are part of the reader's share, as in etcd's gateway role.
/// </summary>
internal sealed class DiscoveryAcls
{
    /// <summary>The roots (trailing slash included) whose nodes, and the nodes below, the reader may read.</summary>
    internal static IReadOnlyList<string> ReaderRoots { get; } = [ServiceKeys.AddressRoot, AppKeys.Root, GatewayKeys.SettingsRoot, .. GatewayKeys.WatchedRoots, GatewayKeys.AcmeChallengeRoot, CertificateKeys.Root, SleepKeys.SleepingRoot];

    private readonly IReadOnlyList<ZooKeeperAcl> _ownerOnly;
    private readonly IReadOnlyList<ZooKeeperAcl> _readable;

    public DiscoveryAcls(ZooKeeperDiscoveryOptions options)
    {
        if (options.User is null)
        {
            _ownerOnly = _readable = ZooKeeperAcl.OpenUnsafe;
            return;
        }

        var owner = ZooKeeperAcl.Digest(ZooKeeperPermissions.All, options.User, options.Password!);
        _ownerOnly = [owner];
        _readable = options.ReaderId is null ? _ownerOnly : [owner, new ZooKeeperAcl(ZooKeeperPermissions.Read, "digest", options.ReaderId)];
    }

    public IReadOnlyList<ZooKeeperAcl> For(string path) => IsReadable(path) ? _readable : _ownerOnly;

    private static bool IsReadable(string path) =>
        ReaderRoots.Any(root => path.StartsWith(root, StringComparison.Ordinal) || path == root[..^1]);
}
