using System.Threading.Tasks.Sources;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>
/// An edge from epoll that one waiter consumes: set by the loop thread, awaited by a connection's receive or send loop.
/// An edge that arrives while nobody waits is kept, so one racing with the waiter's last system call is never lost
/// (at worst the waiter retries once and gets EAGAIN). The waiter's continuation runs on the loop thread, inline, as
/// Kestrel's inline scheduling would run it.
/// </summary>
internal sealed class ReadySignal : IValueTaskSource
{
    private const int Idle = 0;
    private const int Set = 1;
    private const int Waiting = 2;

    private ManualResetValueTaskSourceCore<bool> _core;
    private int _state;

    /// <summary>Marks the signal ready, waking the waiter if there is one.</summary>
    public void Signal()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == Set)
            {
                return;
            }

            if (state == Waiting)
            {
                if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
                {
                    _core.SetResult(true);
                    return;
                }
            }
            else if (Interlocked.CompareExchange(ref _state, Set, Idle) == Idle)
            {
                return;
            }
        }
    }

    /// <summary>Completes when the signal is (or becomes) ready, consuming it.</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Set) == Set)
        {
            return ValueTask.CompletedTask;
        }

        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
        {
            // Signalled between the two exchanges: the edge is ours.
            Volatile.Write(ref _state, Idle);
            return ValueTask.CompletedTask;
        }

        return new ValueTask(this, _core.Version);
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
