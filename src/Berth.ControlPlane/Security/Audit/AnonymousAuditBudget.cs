using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Audit;

/// <summary>
/// How many audit rows calls without valid credentials may write, so nobody can grow the database by posting
/// anonymously: per client address <see cref="BerthOptions.AuthFailuresPerMinute"/> a minute, and
/// <see cref="TotalPerMinute"/> a minute from all addresses together. Calls past that are counted, not written,
/// and the count goes into the next row that address writes.
/// </summary>
internal sealed class AnonymousAuditBudget(IOptions<BerthOptions> options, TimeProvider time)
{
    public const int TotalPerMinute = 300;
    private const int PruneAbove = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<IPAddress, Tally> _addresses = new();
    private readonly Lock _gate = new();
    private DateTimeOffset _totalStart;
    private int _total;

    /// <summary>
    /// True when a row may be written for a call from <paramref name="client"/>; <paramref name="skipped"/> is how
    /// many calls from there were not written since its last row.
    /// </summary>
    public bool TryTake(IPAddress client, out int skipped)
    {
        var now = time.GetUtcNow();
        var key = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        var window = _addresses.AddOrUpdate(
            key,
            _ => new Tally(now, 1, 0),
            (_, w) => now - w.Start >= Window ? new Tally(now, 1, w.Skipped) : w with { Used = w.Used + 1 });
        var allowed = window.Used <= options.Value.AuthFailuresPerMinute && TakeFromTotal(now);
        if (!allowed)
        {
            _addresses.AddOrUpdate(key, _ => new Tally(now, 0, 1), (_, w) => w with { Skipped = w.Skipped + 1 });
            skipped = 0;
            return false;
        }

        var reported = window.Skipped;
        if (reported > 0)
        {
            _addresses.AddOrUpdate(key, _ => new Tally(now, 1, 0), (_, w) => w with { Skipped = w.Skipped - reported });
        }

        skipped = reported;

        if (_addresses.Count > PruneAbove)
        {
            foreach (var (address, stale) in _addresses)
            {
                if (now - stale.Start >= Window && stale.Skipped == 0)
                {
                    _addresses.TryRemove(new KeyValuePair<IPAddress, Tally>(address, stale));
                }
            }
        }

        return true;
    }

    private bool TakeFromTotal(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now - _totalStart >= Window)
            {
                (_totalStart, _total) = (now, 0);
            }

            return ++_total <= TotalPerMinute;
        }
    }

    private sealed record Tally(DateTimeOffset Start, int Used, int Skipped);
}
