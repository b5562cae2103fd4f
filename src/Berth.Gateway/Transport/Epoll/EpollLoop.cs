using System.Runtime.InteropServices;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>
/// One thread waiting on one epoll instance and turning its edges into <see cref="ReadySignal"/>s. Sockets are
/// registered once, edge-triggered for reading and writing, and stay registered until they close.
/// </summary>
internal sealed unsafe class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;

    // Events carry an id, not the fd: a slot index and a generation. An edge already returned for a socket that closed
    // meanwhile finds its slot empty or reused under another id, where an fd could by then name a new socket. Looked up
    // by index, not hashed: this runs for every edge.
    private readonly Lock _registering = new();
    private readonly Stack<int> _freeSlots = new();
    private volatile EpollSlots _slots = new(64);
    private readonly int _epoll;
    private readonly Thread _thread;
    private int _usedSlots;
    private uint _generation;
    private volatile bool _stopping;

    public EpollLoop(int index)
    {
        Index = index;
        _epoll = EpollNative.EpollCreate1(EpollNative.EpollCloexec);
        if (_epoll < 0)
        {
            throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _thread = new Thread(Run) { IsBackground = true, Name = $"berth-epoll-{index}" };
        _thread.Start();
    }

    /// <summary>Its place among the transport's loops.</summary>
    public int Index { get; }

    /// <summary>Adds a socket; from now on its edges signal <paramref name="connection"/>. Returns its id.</summary>
    public ulong Register(int fd, EpollConnection connection)
    {
        ulong id;
        lock (_registering)
        {
            var index = _freeSlots.Count > 0 ? _freeSlots.Pop() : _usedSlots++;
            if (index == _slots.Ids.Length)
            {
                // Published before the socket joins epoll, so its first edge already finds the larger table.
                _slots = _slots.Grown();
            }

            id = ((ulong)++_generation << 32) | (uint)index;
            _slots.Connections[index] = connection;
            Volatile.Write(ref _slots.Ids[index], id);
        }

        var ev = new EpollEvent { Events = EpollNative.EpollIn | EpollNative.EpollOut | EpollNative.EpollRdHup | EpollNative.EpollEt, Data = id };
        if (EpollNative.EpollCtl(_epoll, EpollNative.EpollCtlAdd, fd, &ev) != 0)
        {
            Free(id);
            throw new IOException($"epoll_ctl failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return id;
    }

    /// <summary>Stops signalling a socket that is about to close.</summary>
    public void Unregister(ulong id, int fd)
    {
        Free(id);
        var ev = default(EpollEvent);
        EpollNative.EpollCtl(_epoll, EpollNative.EpollCtlDel, fd, &ev);
    }

    private void Free(ulong id)
    {
        lock (_registering)
        {
            var index = (int)(uint)id;
            if (_slots.Ids[index] == id)
            {
                Volatile.Write(ref _slots.Ids[index], 0UL);
                _slots.Connections[index] = null;
                _freeSlots.Push(index);
            }
        }
    }

    private void Run()
    {
        // Continuations run inline here: with flow suppressed for good on this thread, the awaits they make capture no
        // execution context, and resuming them needs no context switch.
        ExecutionContext.SuppressFlow();
        var events = stackalloc EpollEvent[MaxEvents];
        while (!_stopping)
        {
            var count = EpollNative.EpollWait(_epoll, events, MaxEvents, 1000);
            for (var i = 0; i < count; i++)
            {
                // A stale edge (its socket closed, or the slot reused) signals nothing, or at worst a spurious edge,
                // which every waiter tolerates.
                var slots = _slots;
                var index = (int)(uint)events[i].Data;
                if (index >= slots.Ids.Length || Volatile.Read(ref slots.Ids[index]) != events[i].Data || slots.Connections[index] is not { } connection)
                {
                    continue;
                }

                var flags = events[i].Events;
                if ((flags & (EpollNative.EpollRdHup | EpollNative.EpollHup | EpollNative.EpollErr)) != 0)
                {
                    connection.OnHangUp();
                }

                // Errors and hang-ups wake both sides: each finds out what happened from its own system call.
                if ((flags & (EpollNative.EpollIn | EpollNative.EpollRdHup | EpollNative.EpollHup | EpollNative.EpollErr)) != 0)
                {
                    connection.Readable.Signal();
                }

                if ((flags & (EpollNative.EpollOut | EpollNative.EpollHup | EpollNative.EpollErr)) != 0)
                {
                    connection.Writable.Signal();
                }
            }
        }

        EpollNative.Close(_epoll);
    }

    /// <summary>
    /// Stops the loop within its one-second wait; the thread closes the epoll fd itself on the way out. No join: the
    /// caller may be running on this very loop (continuations run inline on it), and would wait for itself.
    /// </summary>
    public void Dispose() => _stopping = true;
}
