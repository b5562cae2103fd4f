using Berth.Core.Traffic;

namespace Berth.Gateway.Statistics;

/// <summary>
/// Counters for one app or one instance: totals since start, plus ring buffers of per-second slots (the last minute)
/// and per-minute slots (the last hour). Recording is lock-free: Interlocked adds on preallocated arrays; a slot that
/// still holds an older period is claimed by one thread (compare-and-swap on its stamp) and cleared before use.
/// </summary>
internal sealed partial class TrafficCounters
{
    private const int Slots = 60;
    private const long Resetting = -1;

    private readonly long[] _total = new long[CounterSlot.Size];
    private long[]? _seconds;
    private long[]? _minutes;
    private long _lastSecond;

    /// <summary>The second (see <see cref="GatewayStatistics.NowSecond"/>) of the latest request recorded.</summary>
    public long LastActivitySecond => Volatile.Read(ref _lastSecond);

    /// <summary>Counts one finished request.</summary>
    public void Record(int statusCode, long bytesIn, long bytesOut, long latencyMicros, long nowSecond)
    {
        var status = CounterSlot.StatusOffset(statusCode);
        var bucket = CounterSlot.Histogram + LatencyBuckets.IndexOf(latencyMicros);
        Add(_total, 0, status, bucket, bytesIn, bytesOut, latencyMicros);

        var seconds = _seconds ?? Allocate(ref _seconds);
        var offset = Claim(seconds, nowSecond);
        if (offset >= 0)
        {
            Add(seconds, offset, status, bucket, bytesIn, bytesOut, latencyMicros);
        }

        var minutes = _minutes ?? Allocate(ref _minutes);
        offset = Claim(minutes, nowSecond / 60);
        if (offset >= 0)
        {
            Add(minutes, offset, status, bucket, bytesIn, bytesOut, latencyMicros);
        }

        if (Volatile.Read(ref _lastSecond) != nowSecond)
        {
            Volatile.Write(ref _lastSecond, nowSecond);
        }
    }

    /// <summary>Adds the counts since start into <paramref name="into"/> (a slot-sized array).</summary>
    public void AddTotal(long[] into) => Sum(_total, 0, into);

    /// <summary>Adds the counts of the <paramref name="window"/> ending at <paramref name="nowSecond"/> into a slot-sized array.</summary>
    public void AddWindow(TrafficWindow window, long nowSecond, long[] into)
    {
        var (ring, now) = window == TrafficWindow.Hour ? (Volatile.Read(ref _minutes), nowSecond / 60) : (Volatile.Read(ref _seconds), nowSecond);
        if (ring is null)
        {
            return;
        }

        for (var offset = 0; offset < ring.Length; offset += CounterSlot.Size)
        {
            // Stamps are period + 1; a slot counts when its period is one of the last 60, the current one included.
            var stamp = Volatile.Read(ref ring[offset]);
            if (stamp > now - Slots + 1 && stamp <= now + 1)
            {
                Sum(ring, offset, into);
            }
        }
    }

    /// <summary>
    /// Adds the counts of the <paramref name="seconds"/> whole seconds before <paramref name="nowSecond"/> (at most a
    /// minute; the current, still filling second left out, so the counts divided by the seconds are a rate).
    /// </summary>
    public void AddRecent(long nowSecond, int seconds, long[] into)
    {
        var ring = Volatile.Read(ref _seconds);
        if (ring is null)
        {
            return;
        }

        var periods = Math.Clamp(seconds, 1, Slots - 1);
        for (var offset = 0; offset < ring.Length; offset += CounterSlot.Size)
        {
            // Stamps are period + 1: seconds now - periods … now - 1 have stamps now - periods + 1 … now.
            var stamp = Volatile.Read(ref ring[offset]);
            if (stamp > nowSecond - periods && stamp <= nowSecond)
            {
                Sum(ring, offset, into);
            }
        }
    }

    private static long[] Allocate(ref long[]? ring)
    {
        Interlocked.CompareExchange(ref ring, new long[Slots * CounterSlot.Size], null);
        return ring;
    }

    /// <summary>The offset of the slot for <paramref name="period"/>, cleared first if it held an older one; -1 if it holds a newer one.</summary>
    private static int Claim(long[] ring, long period)
    {
        var offset = (int)(period % Slots) * CounterSlot.Size;
        var stamp = period + 1;
        var spinner = default(SpinWait);
        while (true)
        {
            var seen = Volatile.Read(ref ring[offset]);
            if (seen == stamp)
            {
                return offset;
            }

            if (seen == Resetting)
            {
                spinner.SpinOnce();
                continue;
            }

            if (seen > stamp)
            {
                return -1;
            }

            if (Interlocked.CompareExchange(ref ring[offset], Resetting, seen) == seen)
            {
                Array.Clear(ring, offset + 1, CounterSlot.Size - 1);
                Volatile.Write(ref ring[offset], stamp);
                return offset;
            }
        }
    }

    /// <summary>
    /// One request into a slot. The request count itself is not kept: every request lands in exactly one status class,
    /// so <see cref="Sum"/> derives it, and the hot path makes one locked add fewer per slot (six slots per request).
    /// </summary>
    private static void Add(long[] counters, int offset, int status, int bucket, long bytesIn, long bytesOut, long latencyMicros)
    {
        Interlocked.Increment(ref counters[offset + status]);
        Interlocked.Increment(ref counters[offset + bucket]);
        Interlocked.Add(ref counters[offset + CounterSlot.BytesIn], bytesIn);
        Interlocked.Add(ref counters[offset + CounterSlot.BytesOut], bytesOut);
        Interlocked.Add(ref counters[offset + CounterSlot.LatencyMicros], latencyMicros);
    }

    private static void Sum(long[] counters, int offset, long[] into)
    {
        for (var i = 1; i < CounterSlot.Size; i++)
        {
            var value = Volatile.Read(ref counters[offset + i]);
            into[i] += value;
            if (i >= CounterSlot.Status && i < CounterSlot.Status + CounterSlot.StatusClasses)
            {
                into[CounterSlot.Requests] += value;
            }
        }
    }
}
