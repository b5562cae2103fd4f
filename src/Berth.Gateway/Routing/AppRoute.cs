using System.Text;
using Berth.Core.Gateway;
using Berth.Gateway.Access;
using Berth.Gateway.Routing.Balancing;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Routing;

/// <summary>
/// One app in a <see cref="RouteTable"/>: its instances by version, how traffic is split between versions, the
/// balancing policy, the app's blacklist and counters. Immutable apart from the counters that move with each pick.
/// </summary>
internal sealed class AppRoute
{
    private readonly VersionGroup[] _weighted;
    private readonly int[] _schedule;

    // The group that takes traffic when no split applies: the active version's instances when it has any, otherwise
    // every instance (so a rollout, where both versions are registered, never routes into a gap).
    private readonly VersionGroup _primary;
    private readonly VersionGroup _all;
    private int _turn = -1;

    internal AppRoute(
        string appId, VersionGroup all, VersionGroup primary, VersionGroup[] weighted, int[] schedule,
        IBalancingPolicy policy, IpRangeSet blacklist, TrafficCounters statistics, SleepMark? sleep = null, HttpsPolicy? https = null)
    {
        AppId = appId;
        _all = all;
        _primary = primary;
        _weighted = weighted;
        _schedule = schedule;
        Policy = policy;
        Blacklist = blacklist;
        Statistics = statistics;
        Sleep = sleep;
        HttpsRedirect = https?.Redirect == true;
        Hsts = https?.StrictTransportSecurity();
        HstsLine = Hsts is null ? null : Encoding.ASCII.GetBytes($"Strict-Transport-Security: {Hsts}\r\n");
    }

    /// <summary>The app these instances belong to.</summary>
    public string AppId { get; }

    /// <summary>Every registered instance, in key order; empty for an app that is known but has none running.</summary>
    public IReadOnlyList<RouteDestination> Destinations => _all.Destinations;

    /// <summary>The balancing policy used within a version.</summary>
    public IBalancingPolicy Policy { get; }

    /// <summary>Clients refused for this app.</summary>
    public IpRangeSet Blacklist { get; }

    /// <summary>Set while the control plane has the app asleep: a request that finds no instance is held while it wakes.</summary>
    public SleepMark? Sleep { get; }

    /// <summary>Plain-HTTP requests are sent to HTTPS with a 308.</summary>
    public bool HttpsRedirect { get; }

    /// <summary>The <c>Strict-Transport-Security</c> value for answers over TLS; null when HSTS is off.</summary>
    public string? Hsts { get; }

    /// <summary>The HSTS header line (with its CRLF) as written into HTTP/1.1 answers; null when HSTS is off.</summary>
    internal byte[]? HstsLine { get; }

    /// <summary>Counters of what clients of this app got.</summary>
    public TrafficCounters Statistics { get; }

    /// <summary>
    /// The instance for the next request: a version by the split's schedule (or the primary group), then an instance
    /// by the policy. When the chosen version has no available instance, any other available instance of the app is
    /// better than failing. Null when none is available.
    /// </summary>
    public RouteDestination? Pick(long now, RouteDestination? exclude = null)
    {
        var group = _schedule.Length == 0 ? _primary : _weighted[_schedule[(uint)Interlocked.Increment(ref _turn) % (uint)_schedule.Length]];
        return Policy.Pick(group, now, exclude) ?? (group == _all ? null : Policy.Pick(_all, now, exclude));
    }
}
