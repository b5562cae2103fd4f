using Berth.Core.Traffic;

namespace Berth.Gateway.Statistics;

internal sealed partial class TrafficCounters
{
    /// <summary>
    /// Adds the counts of each step of the <paramref name="window"/> ending at <paramref name="nowSecond"/> into
    /// <paramref name="steps"/> (slot-sized arrays indexed by age, 0 the current step; see <see cref="TrafficSeries"/>).
    /// Reads only: recording is never slowed by a reader.
    /// </summary>
    public void AddSeries(TrafficWindow window, long nowSecond, long[][] steps)
    {
        // The hour's steps are the minute slots themselves; the minute's group ten second slots each.
        var (ring, now, perStep) = window == TrafficWindow.Hour ? (Volatile.Read(ref _minutes), nowSecond / 60, 1) : (Volatile.Read(ref _seconds), nowSecond, 10);
        if (ring is null)
        {
            return;
        }

        for (var offset = 0; offset < ring.Length; offset += CounterSlot.Size)
        {
            var stamp = Volatile.Read(ref ring[offset]);
            if (stamp <= now - Slots + 1 || stamp > now + 1)
            {
                continue;
            }

            var age = (now / perStep) - ((stamp - 1) / perStep);
            if (age < steps.Length)
            {
                Sum(ring, offset, steps[age]);
            }
        }
    }
}
