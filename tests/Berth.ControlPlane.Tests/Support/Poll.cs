using System.Diagnostics;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>Polls until a condition holds, for things Berth does in the background.</summary>
public static class Poll
{
    /// <summary>Returns the first non-null value <paramref name="probe"/> gives; fails the test after <paramref name="limit"/>.</summary>
    /// <param name="diagnose">Says what the state was when time ran out, for the failure message.</param>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan limit, string what, TimeSpan? every = null, Func<string>? diagnose = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"{what} did not happen within {limit.TotalSeconds} s{(diagnose is null ? "" : ": " + diagnose())}");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; returns how long it took.</summary>
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan limit, string what, TimeSpan? every = null, Func<string>? diagnose = null)
    {
        var clock = Stopwatch.StartNew();
        await GetAsync<object>(async () => await condition() ? clock : null, limit, what, every, diagnose);
        return clock.Elapsed;
    }
}
