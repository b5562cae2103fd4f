namespace Berth.ControlPlane.Health;

/// <summary>
/// Crash-loop back-off: the first restart is at once, the next waits <c>base</c>, then twice that each time,
/// up to <c>max</c>. A restart longer ago than the reset window means the instance ran steadily: count afresh.
/// </summary>
internal static class RestartBackoff
{
    /// <summary>The restart count to carry on from, given when the last restart happened.</summary>
    public static int CountSince(int restartCount, DateTimeOffset? lastRestartAt, DateTimeOffset now, TimeSpan reset) =>
        lastRestartAt is { } last && now - last <= reset ? restartCount : 0;

    /// <summary>How long to wait before restart number <paramref name="previousRestarts"/> + 1.</summary>
    public static TimeSpan Delay(int previousRestarts, TimeSpan initial, TimeSpan max)
    {
        if (previousRestarts <= 0)
        {
            return TimeSpan.Zero;
        }

        // Beyond 2^20 the cap has long been reached; stopping there keeps the multiplication finite.
        var factor = Math.Pow(2, Math.Min(previousRestarts - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(initial.Ticks * factor, max.Ticks));
    }
}
