namespace Berth.ZooKeeper.Watches;

/// <summary>
/// The client's side of its watches: which callbacks and persistent watches an incoming notification goes to, and what
/// to set again after a reconnect. One-shot watches fire once (the server drops them as it notifies); persistent ones stay.
/// </summary>
internal sealed class WatchRegistry(EventDispatcher dispatcher)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<Action<WatchedEvent>>> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<Action<WatchedEvent>>> _exist = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<Action<WatchedEvent>>> _child = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PersistentWatch>> _persistent = new(StringComparer.Ordinal);

    /// <summary>
    /// Throws when <paramref name="path"/> already has persistent watches of the other mode: the server keeps one mode
    /// per path and connection, so the two could not both hold.
    /// </summary>
    public void EnsureMode(string path, AddWatchMode mode)
    {
        lock (_lock)
        {
            if (_persistent.TryGetValue(path, out var existing) && existing[0].Mode != mode)
            {
                throw new InvalidOperationException($"{path} already has a {existing[0].Mode} watch on this client; ZooKeeper keeps one persistent mode per path and session.");
            }
        }
    }

    /// <summary>Sets the watch a request asked for, now that its reply (with <paramref name="error"/>) has arrived.</summary>
    public void OnReply(WatchRegistration registration, ZooKeeperErrorCode error, long zxid)
    {
        var path = registration.Path;
        lock (_lock)
        {
            switch (registration.Kind)
            {
                case WatchKind.Data when error == ZooKeeperErrorCode.Ok:
                case WatchKind.Exists when error == ZooKeeperErrorCode.Ok:
                    Add(_data, path, registration.Callback!);
                    break;
                case WatchKind.Exists when error == ZooKeeperErrorCode.NoNode:
                    Add(_exist, path, registration.Callback!);
                    break;
                case WatchKind.Child when error == ZooKeeperErrorCode.Ok:
                    Add(_child, path, registration.Callback!);
                    break;
                case WatchKind.Persistent when error == ZooKeeperErrorCode.Ok:
                    if (!_persistent.TryGetValue(path, out var watches))
                    {
                        _persistent[path] = watches = [];
                    }

                    watches.Add(registration.Persistent!);
                    registration.Persistent!.Post(new WatchedEvent(WatchEventType.None, ZooKeeperState.SyncConnected, path, zxid));
                    break;
                case WatchKind.Reregister when error == ZooKeeperErrorCode.Ok && _persistent.TryGetValue(path, out var held):
                    foreach (var watch in held)
                    {
                        watch.Post(new WatchedEvent(WatchEventType.None, ZooKeeperState.SyncConnected, path, zxid));
                    }

                    break;
            }
        }
    }

    /// <summary>Hands a notification to every watch it concerns, removing the one-shot ones.</summary>
    public void Route(WatchedEvent change)
    {
        var path = change.Path!;
        var callbacks = new List<Action<WatchedEvent>>();
        var persistent = new List<PersistentWatch>();
        lock (_lock)
        {
            switch (change.Type)
            {
                case WatchEventType.NodeCreated or WatchEventType.NodeDataChanged:
                    Take(_data, path, callbacks);
                    Take(_exist, path, callbacks);
                    break;
                case WatchEventType.NodeDeleted:
                    Take(_data, path, callbacks);
                    Take(_exist, path, callbacks);
                    Take(_child, path, callbacks);
                    break;
                case WatchEventType.NodeChildrenChanged:
                    Take(_child, path, callbacks);
                    break;
            }

            // Recursive watches on the node and its ancestors see everything but child-list changes.
            var recursive = change.Type != WatchEventType.NodeChildrenChanged;
            if (_persistent.TryGetValue(path, out var own) && (recursive || own[0].Mode == AddWatchMode.Persistent))
            {
                persistent.AddRange(own);
            }

            for (var ancestor = path; recursive && ancestor != "/";)
            {
                ancestor = Paths.Parent(ancestor);
                if (_persistent.TryGetValue(ancestor, out var above) && above[0].Mode == AddWatchMode.PersistentRecursive)
                {
                    persistent.AddRange(above);
                }
            }
        }

        foreach (var callback in callbacks)
        {
            dispatcher.Post(() => callback(change));
        }

        foreach (var watch in persistent)
        {
            watch.Post(change);
        }
    }

    /// <summary>Tells persistent watches that notifications stop until they are set again.</summary>
    public void OnDisconnected()
    {
        lock (_lock)
        {
            foreach (var (path, watches) in _persistent)
            {
                foreach (var watch in watches)
                {
                    watch.Post(new WatchedEvent(WatchEventType.None, ZooKeeperState.Disconnected, path));
                }
            }
        }
    }

    /// <summary>The session ended (<paramref name="state"/> Expired or Closed): every watch gets a last event and is dropped.</summary>
    public void End(ZooKeeperState state)
    {
        var callbacks = new List<Action<WatchedEvent>>();
        List<PersistentWatch> persistent;
        lock (_lock)
        {
            foreach (var table in new[] { _data, _exist, _child })
            {
                callbacks.AddRange(table.Values.SelectMany(set => set));
                table.Clear();
            }

            persistent = _persistent.Values.SelectMany(list => list).ToList();
            _persistent.Clear();
        }

        var ended = new WatchedEvent(WatchEventType.None, state, null);
        foreach (var callback in callbacks.Distinct())
        {
            dispatcher.Post(() => callback(ended));
        }

        foreach (var watch in persistent)
        {
            watch.End(ended with { Path = watch.Path });
        }
    }

    /// <summary>Forgets a persistent watch; true when it was the last on its path, so the server's watch can go too.</summary>
    public bool Remove(PersistentWatch watch)
    {
        lock (_lock)
        {
            if (!_persistent.TryGetValue(watch.Path, out var watches) || !watches.Remove(watch))
            {
                return false;
            }

            if (watches.Count > 0)
            {
                return false;
            }

            _persistent.Remove(watch.Path);
            return true;
        }
    }

    /// <summary>True when a one-shot watch is held on <paramref name="path"/>.</summary>
    public bool HasOneShot(string path)
    {
        lock (_lock)
        {
            return _data.ContainsKey(path) || _exist.ContainsKey(path) || _child.ContainsKey(path);
        }
    }

    /// <summary>What to set again on a new connection.</summary>
    public WatchSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new WatchSnapshot(
                [.. _data.Keys],
                [.. _exist.Keys],
                [.. _child.Keys],
                [.. _persistent.Select(entry => (entry.Key, entry.Value[0].Mode))]);
        }
    }

    private static void Add(Dictionary<string, HashSet<Action<WatchedEvent>>> table, string path, Action<WatchedEvent> callback)
    {
        if (!table.TryGetValue(path, out var callbacks))
        {
            table[path] = callbacks = [];
        }

        callbacks.Add(callback);
    }

    private static void Take(Dictionary<string, HashSet<Action<WatchedEvent>>> table, string path, List<Action<WatchedEvent>> into)
    {
        if (table.Remove(path, out var callbacks))
        {
            into.AddRange(callbacks);
        }
    }
}
