using System.Diagnostics;

namespace Berth.Gateway.Tests.Support;

/// <summary>Polls a condition that becomes true asynchronously, instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Condition still false after {timeout}.");
            }

            await Task.Delay(5, cancellationToken);
        }

        return clock.Elapsed;
    }

    public static Task<TimeSpan> TrueAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, cancellationToken);
}
