namespace Berth.Gateway.Transport.Epoll;

/// <summary>The transport's event loops, one per core, started on first use and shared by both sides of the proxy.</summary>
internal sealed class EpollLoops : IDisposable
{
    private readonly Lazy<EpollLoop[]> _loops = new(() => [.. Enumerable.Range(0, Environment.ProcessorCount).Select(i => new EpollLoop(i))]);
    private int _next;

    /// <summary>The next loop, round robin: connections spread evenly over the cores.</summary>
    public EpollLoop Next()
    {
        var loops = _loops.Value;
        return loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)loops.Length)];
    }

    public void Dispose()
    {
        if (_loops.IsValueCreated)
        {
            foreach (var loop in _loops.Value)
            {
                loop.Dispose();
            }
        }
    }
}
