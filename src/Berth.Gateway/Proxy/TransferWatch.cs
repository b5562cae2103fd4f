namespace Berth.Gateway.Proxy;

/// <summary>
/// One direction of a session's traffic that must keep moving while it is under way: the relays count each read and
/// each flush that completes (and the bytes flushed), and the watchdog, once a second, finds the count unchanged for
/// too long, or too few bytes over a whole window (a trickle). Nothing on the request path reads a clock for it: the
/// counters cost a plain write or two per step.
/// </summary>
internal sealed class TransferWatch
{
    private int _moves;
    private int _active;
    private long _bytes;

    // Touched by the watchdog only.
    private int _seenMoves;
    private long _seenSince;
    private long _windowBytes;
    private long _windowSince;

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

    /// <summary>A flush of <paramref name="bytes"/> completed.</summary>
    public void Moved(long bytes)
    {
        _moves++;
        _bytes += bytes;
    }

    /// <summary>
    /// Called by the watchdog: true when the transfer is under way and made no move for <paramref name="limit"/> ticks,
    /// or moved fewer than <paramref name="minBytes"/> bytes over the last <paramref name="limit"/> ticks.
    /// </summary>
    public bool IsStalled(long now, long limit, long minBytes = 0)
    {
        var moves = Volatile.Read(ref _moves);
        var bytes = Volatile.Read(ref _bytes);
        if (Volatile.Read(ref _active) == 0)
        {
            (_seenMoves, _seenSince, _windowBytes, _windowSince) = (moves, now, bytes, now);
            return false;
        }

        if (moves != _seenMoves)
        {
            (_seenMoves, _seenSince) = (moves, now);
        }
        else if (now - _seenSince >= limit)
        {
            return true;
        }

        if (now - _windowSince < limit)
        {
            return false;
        }

        var trickle = bytes - _windowBytes < minBytes;
        (_windowBytes, _windowSince) = (bytes, now);
        return trickle;
    }
}
