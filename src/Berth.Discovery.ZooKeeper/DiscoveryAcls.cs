using Berth.Core.Discovery;
using Berth.ZooKeeper;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// The ACL of each node the store creates. ZooKeeper ACLs are per node and not inherited, so every node gets its own:
/// Berth's user may do everything; the reader (the gateway) may also read service addresses and app markers.
/// </summary>
internal sealed class DiscoveryAcls
{
    private static readonly string AddressNode = ServiceKeys.AddressRoot.TrimEnd('/');
    private static readonly string AppsNode = AppKeys.Root.TrimEnd('/');

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
        path == AddressNode || path.StartsWith(ServiceKeys.AddressRoot, StringComparison.Ordinal) ||
        path == AppsNode || path.StartsWith(AppKeys.Root, StringComparison.Ordinal);
}
