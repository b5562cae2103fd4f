using System.Threading.Tasks.Sources;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>
/// An edge from epoll that one waiter consumes: set by the loop thread, awaited (or called back on) by a connection's
/// input or output. An edge that arrives while nobody waits is kept, so one racing with the waiter's last system call
/// is never lost (at worst the waiter retries once and gets EAGAIN). The waiter's continuation runs on the loop
/// thread, inline, as Kestrel's inline scheduling would run it.
/// </summary>
internal sealed class ReadySignal : IValueTaskSource
{
    private const int Idle = 0;
    private const int Set = 1;
    private const int Waiting = 2;

    private ManualResetValueTaskSourceCore<bool> _core;
    private Action<object?>? _callback;
    private object? _callbackState;
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
                    Wake();
                    return;
                }
            }
            else if (Interlocked.CompareExchange(ref _state, Set, Idle) == Idle)
            {
                return;
            }
        }
    }

    /// <summary>Consumes a pending edge without waiting; false when there is none.</summary>
    public bool TryConsume() => Volatile.Read(ref _state) == Set && Interlocked.CompareExchange(ref _state, Idle, Set) == Set;

    /// <summary>Completes when the signal is (or becomes) ready, consuming it.</summary>
    public ValueTask WaitAsync()
    {
        if (TryConsume())
        {
            return ValueTask.CompletedTask;
        }

        _core.Reset();
        _callback = null;
        return TryWait() ? new ValueTask(this, _core.Version) : ValueTask.CompletedTask;
    }

    /// <summary>
    /// Consumes a pending edge and returns true, or returns false and calls <paramref name="callback"/> on the next
    /// edge (on the loop thread): a waiter without a task or a state machine of its own.
    /// </summary>
    public bool ConsumeOrCallBack(Action<object?> callback, object state)
    {
        if (TryConsume())
        {
            return true;
        }

        _callback = callback;
        _callbackState = state;
        return !TryWait();
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>Idle → waiting; false when an edge arrived since the caller looked (the edge is then consumed).</summary>
    private bool TryWait()
    {
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Idle)
        {
            return true;
        }

        // Signalled in between: the edge is ours.
        _callback = null;
        Volatile.Write(ref _state, Idle);
        return false;
    }

    private void Wake()
    {
        if (_callback is { } callback)
        {
            var state = _callbackState;
            (_callback, _callbackState) = (null, null);
            callback(state);
        }
        else
        {
            _core.SetResult(true);
        }
    }
}
