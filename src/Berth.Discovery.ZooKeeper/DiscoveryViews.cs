namespace Berth.Discovery.ZooKeeper;

/// <summary>
/// What recent callers were given: the keys (with their mzxids) under a prefix as of a revision, from listings and
/// from watches that ended. ZooKeeper keeps no history of deletes, so a watch resuming from a revision finds what was
/// deleted since by comparing today's keys with the view handed out at that revision. Bounded: the oldest go first.
/// </summary>
internal sealed class DiscoveryViews(int capacity = 64)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(string Prefix, long Revision, IReadOnlyDictionary<string, long> Keys)> _views = new();

    public void Add(string prefix, long revision, IReadOnlyDictionary<string, long> keys)
    {
        lock (_lock)
        {
            _views.AddFirst((prefix, revision, keys));
            if (_views.Count > capacity)
            {
                _views.RemoveLast();
            }
        }
    }

    /// <summary>The keys under <paramref name="prefix"/> as of <paramref name="revision"/>, from a view of it or of a wider prefix; null when none is held.</summary>
    public Dictionary<string, long>? Find(string prefix, long revision)
    {
        lock (_lock)
        {
            foreach (var view in _views)
            {
                if (view.Revision == revision && prefix.StartsWith(view.Prefix, StringComparison.Ordinal))
                {
                    return view.Keys.Where(key => key.Key.StartsWith(prefix, StringComparison.Ordinal))
                        .ToDictionary(key => key.Key, key => key.Value, StringComparer.Ordinal);
                }
            }

            return null;
        }
    }
}
