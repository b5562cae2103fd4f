namespace Berth.Gateway.Proxy;

/// <summary>
/// Idle keep-alive connections to one instance, one stack per event loop (shard), most recently used first (so surplus
/// connections age out at the bottom). A request takes a connection from its own loop's stack only, so with the epoll
/// transport the client and the instance connection share a thread. A lock around a stack: uncontended it costs less
/// than any lock-free structure that allocates per push.
/// </summary>
internal sealed class UpstreamPool
{
    private const int MaxIdle = 1024;

    private readonly Lock _lock = new();
    private readonly Stack<UpstreamConnection>[] _idle;
    private readonly int _maxIdlePerShard;
    private bool _closed;

    public UpstreamPool(int shards)
    {
        _idle = [.. Enumerable.Range(0, Math.Max(shards, 1)).Select(_ => new Stack<UpstreamConnection>())];
        _maxIdlePerShard = Math.Max(MaxIdle / _idle.Length, 1);
    }

    /// <summary>
    /// A usable idle connection of <paramref name="shard"/>, or null; connections idle since before
    /// <paramref name="staleBefore"/> or broken are closed.
    /// </summary>
    public UpstreamConnection? Rent(long staleBefore, int shard)
    {
        var idle = _idle[shard % _idle.Length];
        while (true)
        {
            UpstreamConnection? connection;
            lock (_lock)
            {
                if (!idle.TryPop(out connection))
                {
                    return null;
                }
            }

            if (connection.IdleSince >= staleBefore && !connection.IsBroken())
            {
                return connection;
            }

            connection.Close();
        }
    }

    /// <summary>Keeps a connection whose last exchange ended cleanly (on its own shard); closes it when the pool is full or closed.</summary>
    public void Return(UpstreamConnection connection, long now)
    {
        connection.IdleSince = now;
        var idle = _idle[connection.Shard % _idle.Length];
        lock (_lock)
        {
            if (!_closed && idle.Count < _maxIdlePerShard)
            {
                idle.Push(connection);
                return;
            }
        }

        connection.Close();
    }

    /// <summary>Closes idle connections older than <paramref name="staleBefore"/> (all of them for <c>long.MaxValue</c>).</summary>
    public void CloseIdle(long staleBefore)
    {
        var stale = new List<UpstreamConnection>();
        lock (_lock)
        {
            foreach (var idle in _idle)
            {
                if (idle.Count == 0)
                {
                    continue;
                }

                var all = idle.ToArray();
                stale.AddRange(all.Where(c => c.IdleSince < staleBefore));
                idle.Clear();
                foreach (var keep in all.Where(c => c.IdleSince >= staleBefore).Reverse())
                {
                    idle.Push(keep);
                }
            }
        }

        stale.ForEach(c => c.Close());
    }

    /// <summary>Closes every idle connection and refuses returns: the instance left discovery.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
        }

        CloseIdle(long.MaxValue);
    }
}
