namespace Berth.Gateway.Proxy;

/// <summary>
/// One direction of a session's traffic that must keep moving while it is under way: the relays count each read and
/// each flush that completes, and the watchdog, once a second, finds the count unchanged for too long. Nothing on the
/// request path reads a clock for it, and the two counters cost two plain writes per step.
/// </summary>
internal sealed class TransferWatch
{
    private int _moves;
    private int _active;

    // Touched by the watchdog only.
    private int _seenMoves;
    private long _seenSince;

    /// <summary>Set when a chunked body in this direction carried extensions or trailer fields (see <see cref="Http.ChunkedFraming.SawExtras"/>).</summary>
    public bool SawChunkExtras { get; set; }

    /// <summary>Set when a chunked body in this direction broke the grammar: the sender's fault, not the receiver's.</summary>
    public bool Malformed { get; set; }

    /// <summary>A transfer starts: from now on it must move.</summary>
    public void Begin()
    {
        _moves++;
        Volatile.Write(ref _active, 1);
    }

    /// <summary>The transfer is over (or waits for something another deadline covers).</summary>
    public void End() => Volatile.Write(ref _active, 0);

    /// <summary>A read or a write completed. Two relays may share a watch (a tunnel): a lost increment only delays the next.</summary>
    public void Moved() => _moves++;

    /// <summary>Called by the watchdog: true when the transfer is under way and made no move for <paramref name="limit"/> ticks.</summary>
    public bool IsStalled(long now, long limit)
    {
        var moves = Volatile.Read(ref _moves);
        if (Volatile.Read(ref _active) == 0 || moves != _seenMoves)
        {
            _seenMoves = moves;
            _seenSince = now;
            return false;
        }

        return now - _seenSince >= limit;
    }
}
