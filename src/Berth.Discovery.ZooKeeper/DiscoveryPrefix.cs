namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// A key prefix as in etcd (a plain string prefix, e.g. <c>/caas/apps/a</c> covers <c>/caas/apps/a</c> and
/// <c>/caas/apps/ab</c>), and <see cref="Base"/>, the deepest node every matching key lies under: the node to list and watch.
/// </summary>
internal sealed record DiscoveryPrefix(string Value, string Base)
{
    public static DiscoveryPrefix Parse(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!prefix.StartsWith('/') || prefix.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{prefix}' is not a key prefix: ZooKeeper keys are absolute paths such as /caas/service/address/.", nameof(prefix));
        }

        var slash = prefix.LastIndexOf('/');
        return new DiscoveryPrefix(prefix, slash == 0 ? "/" : prefix[..slash]);
    }

    /// <summary>The key at <paramref name="path"/> is under the prefix.</summary>
    public bool Matches(string path) => path.StartsWith(Value, StringComparison.Ordinal);

    /// <summary>Some node below <paramref name="path"/> could be under the prefix.</summary>
    public bool MayHaveBelow(string path)
    {
        var below = path == "/" ? "/" : path + "/";
        return below.StartsWith(Value, StringComparison.Ordinal) || Value.StartsWith(below, StringComparison.Ordinal);
    }
}
