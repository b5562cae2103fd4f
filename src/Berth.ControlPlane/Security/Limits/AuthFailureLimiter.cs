using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Limits;

/// <summary>
/// Counts failed authentications per client address in fixed windows. An address that failed
/// <see cref="BerthOptions.AuthFailuresPerMinute"/> times is refused until its window ends, whatever it presents,
/// so guessing tokens goes no faster than that.
/// </summary>
public sealed class AuthFailureLimiter(IOptions<BerthOptions> options, TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<IPAddress, Counter> counters = new();

    /// <summary>Records one failed authentication from <paramref name="client"/>.</summary>
    public void RecordFailure(IPAddress? client)
    {
        if (client is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        counters.AddOrUpdate(
            Normalize(client),
            _ => new Counter(now, 1),
            (_, counter) => now - counter.WindowStart >= Window ? new Counter(now, 1) : counter with { Failures = counter.Failures + 1 });
        if (counters.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    /// <summary>True while <paramref name="client"/> is over the limit; <paramref name="retryAfter"/> says for how long.</summary>
    public bool IsBlocked(IPAddress? client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (client is null || !counters.TryGetValue(Normalize(client), out var counter) || counter.Failures < options.Value.AuthFailuresPerMinute)
        {
            return false;
        }

        retryAfter = counter.WindowStart + Window - time.GetUtcNow();
        return retryAfter > TimeSpan.Zero;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, counter) in counters)
        {
            if (now - counter.WindowStart >= Window)
            {
                counters.TryRemove(new KeyValuePair<IPAddress, Counter>(address, counter));
            }
        }
    }

    private sealed record Counter(DateTimeOffset WindowStart, int Failures);
}
