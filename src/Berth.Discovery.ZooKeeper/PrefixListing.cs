using Berth.Core.Discovery;
using Berth.ZooKeeper;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// The keys under a prefix, read level by level from its base node (the reads of one level pipelined), and the metadata
/// of every node read on the way, whose <c>pzxid</c> tells when children were last created or deleted. Not atomic:
/// each node is as of the moment it was read.
/// </summary>
internal sealed record PrefixListing(IReadOnlyDictionary<string, DiscoveryEntry> Keys, IReadOnlyDictionary<string, ZooKeeperStat> Nodes)
{
    public static async Task<PrefixListing> ReadAsync(ZooKeeperClient client, DiscoveryPrefix prefix, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, DiscoveryEntry>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, ZooKeeperStat>(StringComparer.Ordinal);
        List<string> level = [prefix.Base];
        while (level.Count > 0)
        {
            var reads = await Task.WhenAll(level.Select(path => ZNodes.ReadAsync(client, path, cancellationToken))).ConfigureAwait(false);
            var parents = new List<string>();
            for (var i = 0; i < level.Count; i++)
            {
                if (reads[i] is not { } node)
                {
                    continue;
                }

                var path = level[i];
                nodes[path] = node.Stat;
                if (node.Data is not null && prefix.Matches(path))
                {
                    keys[path] = new DiscoveryEntry(path, ZNodes.Decode(node.Data), node.Stat.Mzxid);
                }

                if (node.Stat.NumChildren > 0 && prefix.MayHaveBelow(path))
                {
                    parents.Add(path);
                }
            }

            var children = await Task.WhenAll(parents.Select(path => ZNodes.ChildrenAsync(client, path, cancellationToken))).ConfigureAwait(false);
            level = parents.Zip(children)
                .SelectMany(pair => pair.Second.Select(name => ZNodes.Child(pair.First, name)))
                .Where(path => prefix.Matches(path) || prefix.MayHaveBelow(path))
                .ToList();
        }

        return new PrefixListing(keys, nodes);
    }
}
