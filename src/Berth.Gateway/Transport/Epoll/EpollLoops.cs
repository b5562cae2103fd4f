namespace Berth.Gateway.Transport.Epoll;

/// <summary>The transport's event loops, one per core, started on first use and shared by both sides of the proxy.</summary>
internal sealed class EpollLoops : IDisposable
{
    private readonly Lazy<EpollLoop[]> _loops = new(() => [.. Enumerable.Range(0, Count).Select(i => new EpollLoop(i))]);
    private int _next;

    /// <summary>How many loops there are (one per core).</summary>
    public static int Count => Environment.ProcessorCount;

    /// <summary>The next loop, round robin: connections spread evenly over the cores.</summary>
    public EpollLoop Next()
    {
        var loops = _loops.Value;
        return loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)loops.Length)];
    }

    /// <summary>
    /// Loop <paramref name="index"/>. A connection to an instance is opened on the loop of the client connection it
    /// serves, as nginx keeps a worker's upstream connections: the whole exchange then runs on one thread, with no
    /// hand-over to another core and back for each answer.
    /// </summary>
    public EpollLoop At(int index) => _loops.Value[index % Count];

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
