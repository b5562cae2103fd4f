using System.Text;
using Berth.ZooKeeper;

namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// How discovery keys map onto znodes. A key is a node whose data is its UTF-8 value; nodes created only to hold keys
/// below them have null data (not empty: "" is a valid value), so they are never mistaken for keys.
/// </summary>
internal static class ZNodes
{
    public static byte[] Encode(string value) => Encoding.UTF8.GetBytes(value);

    public static string Decode(byte[] data) => Encoding.UTF8.GetString(data);

    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    public static string Child(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;

    /// <summary>The node's data and metadata; null when it does not exist.</summary>
    public static async Task<NodeData?> ReadAsync(ZooKeeperClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetDataAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            return null;
        }
    }

    /// <summary>The names of the node's children; none when it does not exist.</summary>
    public static async Task<IReadOnlyList<string>> ChildrenAsync(ZooKeeperClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetChildrenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false)).Names;
        }
        catch (NoNodeException)
        {
            return [];
        }
    }

    /// <summary>Creates a node, and its missing ancestors as empty persistent nodes; <see cref="NodeExistsException"/> when it is there.</summary>
    public static async Task<CreatedNode> CreateAsync(
        ZooKeeperClient client, string path, byte[]? data, DiscoveryAcls acls, CreateMode mode, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await client.CreateAsync(path, data, acls.For(path), mode, cancellationToken).ConfigureAwait(false);
            }
            catch (NoNodeException)
            {
                await EnsureAsync(client, Parent(path), acls, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Makes sure a node exists, creating it (and its ancestors) empty when it does not.</summary>
    public static async Task EnsureAsync(ZooKeeperClient client, string path, DiscoveryAcls acls, CancellationToken cancellationToken)
    {
        if (path == "/")
        {
            return;
        }

        try
        {
            await CreateAsync(client, path, null, acls, CreateMode.Persistent, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeExistsException)
        {
            // Someone (maybe us, earlier) made it: all we need.
        }
    }
}
