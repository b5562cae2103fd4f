using System.Collections.Frozen;
using System.Text.Json;
using Berth.Core.Discovery;
using Berth.Core.Gateway;
using Berth.Discovery;
using Berth.Discovery.Gateway;
using Berth.Discovery.Sleep;
using Berth.Gateway.Access;
using Berth.Gateway.Routing.Balancing;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Routing;

/// <summary>
/// The discovery keys the gateway cares about — instance addresses, app markers and the gateway settings of
/// <see cref="GatewayKeys"/> — kept up to date from listings and watch events, and turned into <see cref="RouteTable"/>
/// snapshots. Not thread-safe: one updater owns it.
/// </summary>
internal sealed class RouteTableBuilder(GatewayStatistics statistics)
{
    private readonly SortedDictionary<string, (string AppId, RouteDestination Destination)> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _markedApps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrafficPolicy> _traffic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpsPolicy> _https = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IpRangeSet> _appBlacklists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _activeVersions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _challenges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SleepMark> _sleeping = new(StringComparer.Ordinal);
    private IpRangeSet _globalBlacklist = IpRangeSet.Empty;
    private long _revision;

    /// <summary>The prefixes whose keys the builder reads.</summary>
    public static IReadOnlyList<string> Prefixes { get; } = [ServiceKeys.AddressRoot, AppKeys.Root, .. GatewayKeys.WatchedRoots, GatewayKeys.AcmeChallengeRoot, SleepKeys.SleepingRoot];

    /// <summary>Set while discovery refuses to let the gateway read the blacklists; tables built then refuse every app.</summary>
    public bool BlacklistUnreadable { get; set; }

    /// <summary>Every instance key currently routed.</summary>
    public IReadOnlySet<string> InstanceKeys => _instances.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Applies one change; returns why its value was ignored (null when it was applied).</summary>
    public string? Apply(DiscoveryEvent change)
    {
        _revision = Math.Max(_revision, change.Revision);
        var put = change.Type == DiscoveryEventType.Put;
        var value = change.Value ?? "";
        if (ServiceKeys.TryParseAddress(change.Key, out var appId, out var version, out var containerId))
        {
            return put ? PutInstance(change.Key, appId, version, containerId, value) : RemoveInstance(change.Key);
        }

        if (AppKeys.TryParseMarker(change.Key, out appId))
        {
            _ = put ? _markedApps.Add(appId) : _markedApps.Remove(appId);
        }
        else if (GatewayKeys.TryParse(change.Key, GatewayKeys.DomainRoot, out var domain))
        {
            Set(_domains, domain.ToLowerInvariant(), put ? value : null);
        }
        else if (GatewayKeys.TryParse(change.Key, GatewayKeys.ActiveRoot, out appId))
        {
            Set(_activeVersions, appId, put ? value : null);
        }
        else if (GatewayKeys.TryParse(change.Key, GatewayKeys.TrafficRoot, out appId))
        {
            return put ? PutTraffic(appId, value) : Set(_traffic, appId, null);
        }
        else if (GatewayKeys.TryParse(change.Key, GatewayKeys.HttpsRoot, out appId))
        {
            return put ? PutHttps(appId, value) : Set(_https, appId, null);
        }
        else if (SleepKeys.TryParse(change.Key, SleepKeys.SleepingRoot, out appId))
        {
            Set(_sleeping, appId, put ? new SleepMark(SleepKeys.FailureOf(value), change.Revision) : null);
        }
        else if (GatewayKeys.TryParse(change.Key, GatewayKeys.AcmeChallengeRoot, out var token))
        {
            Set(_challenges, token, put ? value : null);
        }
        else if (change.Key == GatewayKeys.GlobalBlacklist)
        {
            var (blacklist, problem) = put ? ParseBlacklist(value) : (IpRangeSet.Empty, null);
            _globalBlacklist = blacklist;
            return problem;
        }
        else if (GatewayKeys.TryParse(change.Key, GatewayKeys.AppBlacklistRoot, out appId))
        {
            var (blacklist, problem) = put ? ParseBlacklist(value) : (IpRangeSet.Empty, null);
            Set(_appBlacklists, appId, blacklist.IsEmpty ? null : blacklist);
            return problem;
        }

        return null;
    }

    /// <summary>
    /// Replaces everything with a fresh listing (after a broken watch). Instances listed again keep their state;
    /// those gone have their pooled connections closed. Returns the ignored keys with the reason.
    /// </summary>
    public IReadOnlyList<(string Key, string Problem)> Reset(IEnumerable<DiscoverySnapshot> snapshots)
    {
        var entries = snapshots.SelectMany(s =>
        {
            _revision = Math.Max(_revision, s.Revision);
            return s.Entries;
        }).ToList();
        var listed = entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _instances.Keys.Where(k => !listed.Contains(k)).ToList())
        {
            RemoveInstance(key);
        }

        _markedApps.Clear();
        _domains.Clear();
        _traffic.Clear();
        _https.Clear();
        _appBlacklists.Clear();
        _activeVersions.Clear();
        _challenges.Clear();
        _sleeping.Clear();
        _globalBlacklist = IpRangeSet.Empty;

        var problems = new List<(string, string)>();
        foreach (var entry in entries)
        {
            if (Apply(new DiscoveryEvent(DiscoveryEventType.Put, entry.Key, entry.Value, entry.Revision)) is { } problem)
            {
                problems.Add((entry.Key, problem));
            }
        }

        return problems;
    }

    /// <summary>A new immutable table; apps with a marker but no instance get an empty route (503, not 404).</summary>
    public RouteTable Build()
    {
        var byApp = _markedApps.ToDictionary(app => app, _ => new List<RouteDestination>(), StringComparer.Ordinal);
        foreach (var (appId, destination) in _instances.Values)
        {
            if (!byApp.TryGetValue(appId, out var destinations))
            {
                byApp[appId] = destinations = [];
            }

            destinations.Add(destination);
        }

        var routes = byApp.Select(app => BuildRoute(app.Key, app.Value)).ToDictionary(r => r.AppId, StringComparer.Ordinal);
        var domains = _domains
            .Where(d => routes.ContainsKey(d.Value))
            .Select(d => KeyValuePair.Create(d.Key, routes[d.Value]));
        return new RouteTable(routes.Values, domains, _globalBlacklist, _revision)
        {
            BlacklistUnreadable = BlacklistUnreadable,
            AcmeChallenges = _challenges.ToFrozenDictionary(StringComparer.Ordinal),
        };
    }

    private AppRoute BuildRoute(string appId, List<RouteDestination> destinations)
    {
        var all = new VersionGroup("*", [.. destinations]);
        var versions = destinations
            .GroupBy(d => d.Version, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new VersionGroup(g.Key, [.. g]), StringComparer.Ordinal);
        var primary = _activeVersions.TryGetValue(appId, out var active) && versions.TryGetValue(active, out var activeGroup) ? activeGroup : all;

        // Only versions with instances take part in the split, so a weight on a version that is not running sends
        // nothing into the void; with none running the primary group serves.
        var traffic = _traffic.GetValueOrDefault(appId);
        var weighted = traffic is null
            ? []
            : traffic.Weights.Where(w => w.Value > 0 && versions.ContainsKey(w.Key)).OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
        return new AppRoute(
            appId,
            all,
            primary,
            [.. weighted.Select(w => versions[w.Key])],
            TrafficSchedule.Build([.. weighted.Select(w => w.Value)]),
            BalancingPolicyCatalog.For(traffic?.Balancing),
            _appBlacklists.GetValueOrDefault(appId, IpRangeSet.Empty),
            statistics.ForApp(appId),
            _sleeping.GetValueOrDefault(appId),
            _https.GetValueOrDefault(appId));
    }

    private string? PutInstance(string key, string appId, string version, string containerId, string address)
    {
        if (!RouteDestination.TryParseAddress(address, out var endPoint))
        {
            RemoveInstance(key);
            return $"'{address}' is not a valid ip:port";
        }

        if (_instances.TryGetValue(key, out var existing) && existing.Destination.EndPoint.Equals(endPoint))
        {
            existing.Destination.MarkListed();
            return null;
        }

        RemoveInstance(key);
        var counters = statistics.ForInstance(key, appId, version, containerId, address);
        _instances[key] = (appId, new RouteDestination(key, version, endPoint, counters));
        return null;
    }

    private string? RemoveInstance(string key)
    {
        if (_instances.Remove(key, out var removed))
        {
            removed.Destination.Pool.Close();
        }

        return null;
    }

    private string? PutTraffic(string appId, string value)
    {
        try
        {
            var policy = JsonSerializer.Deserialize(value, GatewaySettingsJson.Default.TrafficPolicy);
            Set(_traffic, appId, policy);
            return policy is null ? "the traffic policy is null" : null;
        }
        catch (JsonException e)
        {
            _traffic.Remove(appId);
            return $"the traffic policy is not valid JSON: {e.Message}";
        }
    }

    private string? PutHttps(string appId, string value)
    {
        try
        {
            var policy = JsonSerializer.Deserialize(value, GatewaySettingsJson.Default.HttpsPolicy);
            Set(_https, appId, policy);
            return policy is null ? "the HTTPS policy is null" : null;
        }
        catch (JsonException e)
        {
            _https.Remove(appId);
            return $"the HTTPS policy is not valid JSON: {e.Message}";
        }
    }

    private static (IpRangeSet Blacklist, string? Problem) ParseBlacklist(string value)
    {
        try
        {
            var entries = JsonSerializer.Deserialize(value, GatewaySettingsJson.Default.StringArray) ?? [];
            var blacklist = IpRangeSet.Parse(entries, out var invalid);
            return (blacklist, invalid.Count == 0 ? null : $"ignored entries that are not IPs or CIDR ranges: {string.Join(", ", invalid)}");
        }
        catch (JsonException e)
        {
            return (IpRangeSet.Empty, $"the blacklist is not a JSON array of strings: {e.Message}");
        }
    }

    private static string? Set<T>(Dictionary<string, T> map, string key, T? value)
        where T : class
    {
        if (value is null)
        {
            map.Remove(key);
        }
        else
        {
            map[key] = value;
        }

        return null;
    }
}
