using Berth.Core.Discovery;

namespace Berth.Discovery.Tests;

/// <summary>Reading watches in tests.</summary>
internal static class DiscoveryEventStreams
{
    /// <summary>The first <paramref name="count"/> events; gives up (cancelled) after a minute rather than hanging the run.</summary>
    public static async Task<List<DiscoveryEvent>> TakeAsync(this IAsyncEnumerable<DiscoveryEvent> events, int count)
    {
        var taken = new List<DiscoveryEvent>(count);
        if (count == 0)
        {
            return taken;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await foreach (var change in events.WithCancellation(timeout.Token))
        {
            taken.Add(change);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }
}
