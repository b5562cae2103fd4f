namespace Berth.Gateway.Proxy;

/// <summary>
/// Idle keep-alive connections to one instance, most recently used first (so surplus connections age out at the
/// bottom). A lock around a stack: uncontended it costs less than any lock-free structure that allocates per push.
/// </summary>
internal sealed class UpstreamPool
{
    private const int MaxIdle = 1024;

    private readonly Lock _lock = new();
    private readonly Stack<UpstreamConnection> _idle = new();
    private bool _closed;

    /// <summary>A usable idle connection, or null; connections idle since before <paramref name="staleBefore"/> or broken are closed.</summary>
    public UpstreamConnection? Rent(long staleBefore)
    {
        while (true)
        {
            UpstreamConnection? connection;
            lock (_lock)
            {
                if (!_idle.TryPop(out connection))
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

    /// <summary>Keeps a connection whose last exchange ended cleanly; closes it when the pool is full or closed.</summary>
    public void Return(UpstreamConnection connection, long now)
    {
        connection.IdleSince = now;
        lock (_lock)
        {
            if (!_closed && _idle.Count < MaxIdle)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Close();
    }

    /// <summary>Closes idle connections older than <paramref name="staleBefore"/> (all of them for <c>long.MaxValue</c>).</summary>
    public void CloseIdle(long staleBefore)
    {
        List<UpstreamConnection> stale;
        lock (_lock)
        {
            if (_idle.Count == 0)
            {
                return;
            }

            var all = _idle.ToArray();
            stale = [.. all.Where(c => c.IdleSince < staleBefore)];
            _idle.Clear();
            foreach (var keep in all.Where(c => c.IdleSince >= staleBefore).Reverse())
            {
                _idle.Push(keep);
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
