using Berth.Core.Discovery;
using Berth.Discovery;

namespace Berth.Gateway.Routing;

/// <summary>
/// The discovery keys the gateway cares about (instance addresses and app markers), kept up to date from a listing and
/// its watch events, and turned into <see cref="RouteTable"/> snapshots. Not thread-safe: one updater owns it.
/// </summary>
internal sealed class RouteTableBuilder
{
    private readonly SortedDictionary<string, (string AppId, RouteDestination Destination)> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _markedApps = new(StringComparer.Ordinal);
    private long _revision;

    /// <summary>Applies one change; false when it registers an address that is not a valid <c>ip:port</c> (it is then ignored).</summary>
    public bool Apply(DiscoveryEvent change)
    {
        _revision = Math.Max(_revision, change.Revision);
        if (ServiceKeys.TryParseAddress(change.Key, out var appId, out _, out _))
        {
            if (change.Type == DiscoveryEventType.Put && RouteDestination.TryCreate(change.Value ?? "", out var destination))
            {
                _instances[change.Key] = (appId, destination);
                return true;
            }

            _instances.Remove(change.Key);
            return change.Type == DiscoveryEventType.Delete;
        }

        if (AppKeys.TryParseMarker(change.Key, out appId))
        {
            if (change.Type == DiscoveryEventType.Put)
            {
                _markedApps.Add(appId);
            }
            else
            {
                _markedApps.Remove(appId);
            }
        }

        return true;
    }

    /// <summary>Applies every entry of a listing as a put; returns the keys of invalid addresses (ignored).</summary>
    public IReadOnlyList<string> ApplySnapshot(DiscoverySnapshot snapshot)
    {
        _revision = Math.Max(_revision, snapshot.Revision);
        List<string>? invalid = null;
        foreach (var entry in snapshot.Entries)
        {
            if (!Apply(new DiscoveryEvent(DiscoveryEventType.Put, entry.Key, entry.Value, entry.Revision)))
            {
                (invalid ??= []).Add(entry.Key);
            }
        }

        return invalid ?? [];
    }

    /// <summary>A new immutable table; apps with a marker but no instance get an empty route (503, not 404).</summary>
    public RouteTable Build()
    {
        var byApp = new Dictionary<string, List<RouteDestination>>(StringComparer.Ordinal);
        foreach (var appId in _markedApps)
        {
            byApp[appId] = [];
        }

        foreach (var (appId, destination) in _instances.Values)
        {
            if (!byApp.TryGetValue(appId, out var destinations))
            {
                byApp[appId] = destinations = [];
            }

            destinations.Add(destination);
        }

        return new RouteTable(byApp.Select(app => new AppRoute(app.Key, [.. app.Value])), _revision);
    }
}
