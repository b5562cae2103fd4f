using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Limits;

/// <summary>
/// Counts failed authentications in fixed windows, per client address and per presented credential. An address
/// that failed <see cref="BerthOptions.AuthFailuresPerMinute"/> times is refused until its window ends for any
/// credential that has not worked before, so guessing goes no faster than that, while someone sharing the address
/// (everyone on loopback, everyone behind one proxy) keeps using the token they signed in with. A credential that
/// failed that often is refused from every address. Credentials are kept only as a short hash.
/// </summary>
internal sealed class AuthFailureLimiter(IOptions<BerthOptions> options, TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    /// <summary>How long a credential that worked stays exempt from its address's block.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<IPAddress, Counter> _addresses = new();
    private readonly ConcurrentDictionary<string, Counter> _credentials = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _worked = new();

    /// <summary>Records one failed authentication from <paramref name="client"/> with <paramref name="credential"/> (the Authorization header).</summary>
    public void RecordFailure(IPAddress? client, string? credential)
    {
        var now = time.GetUtcNow();
        if (client is not null)
        {
            Count(_addresses, Normalize(client), now);
        }

        if (!string.IsNullOrEmpty(credential))
        {
            var key = Fingerprint(credential);
            _worked.TryRemove(key, out _);
            Count(_credentials, key, now);
        }
    }

    /// <summary>Records that <paramref name="credential"/> authenticated: it is not refused for its address's failures.</summary>
    public void RecordSuccess(string credential)
    {
        var now = time.GetUtcNow();
        _worked[Fingerprint(credential)] = now;
        if (_worked.Count > PruneAbove)
        {
            foreach (var (key, at) in _worked)
            {
                if (now - at >= Remembered)
                {
                    _worked.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, at));
                }
            }
        }
    }

    /// <summary>True while a request from <paramref name="client"/> with <paramref name="credential"/> is refused; <paramref name="retryAfter"/> says for how long.</summary>
    public bool IsBlocked(IPAddress? client, string? credential, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        var key = string.IsNullOrEmpty(credential) ? null : Fingerprint(credential);
        retryAfter = key is not null && _credentials.TryGetValue(key, out var byCredential) ? Remaining(byCredential, now) : TimeSpan.Zero;
        var knownGood = key is not null && _worked.TryGetValue(key, out var at) && now - at < Remembered;
        if (!knownGood && client is not null && _addresses.TryGetValue(Normalize(client), out var byAddress))
        {
            var wait = Remaining(byAddress, now);
            retryAfter = wait > retryAfter ? wait : retryAfter;
        }

        return retryAfter > TimeSpan.Zero;
    }

    private TimeSpan Remaining(Counter counter, DateTimeOffset now) =>
        counter.Failures < options.Value.AuthFailuresPerMinute ? TimeSpan.Zero : counter.WindowStart + Window - now;

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>64 bits of the credential's SHA-256: enough to tell credentials apart, useless to recover one.</summary>
    private static string Fingerprint(string credential) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential.Trim())).AsSpan(0, 8));

    private static void Count<TKey>(ConcurrentDictionary<TKey, Counter> counters, TKey key, DateTimeOffset now)
        where TKey : notnull
    {
        counters.AddOrUpdate(
            key,
            _ => new Counter(now, 1),
            (_, counter) => now - counter.WindowStart >= Window ? new Counter(now, 1) : counter with { Failures = counter.Failures + 1 });
        if (counters.Count > PruneAbove)
        {
            foreach (var (stale, counter) in counters)
            {
                if (now - counter.WindowStart >= Window)
                {
                    counters.TryRemove(new KeyValuePair<TKey, Counter>(stale, counter));
                }
            }
        }
    }

    private sealed record Counter(DateTimeOffset WindowStart, int Failures);
}
