using System.Collections.Frozen;

namespace Berth.Gateway.Routing;

/// <summary>An immutable snapshot of app id → instances, looked up per request without allocating.</summary>
public sealed class RouteTable
{
    private readonly FrozenDictionary<string, AppRoute> _routes;
    private readonly FrozenDictionary<string, AppRoute>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Creates a table over the given routes; app ids match case-insensitively, like host names.</summary>
    public RouteTable(IEnumerable<AppRoute> routes, long revision)
    {
        _routes = routes.ToFrozenDictionary(r => r.AppId, StringComparer.OrdinalIgnoreCase);
        _bySpan = _routes.GetAlternateLookup<ReadOnlySpan<char>>();
        Revision = revision;
    }

    /// <summary>A table with no app, served until discovery has been read once.</summary>
    public static RouteTable Empty { get; } = new([], 0);

    /// <summary>The highest discovery revision reflected in the table.</summary>
    public long Revision { get; }

    /// <summary>How many apps the table knows.</summary>
    public int Count => _routes.Count;

    /// <summary>Every app route, in no particular order.</summary>
    public IEnumerable<AppRoute> Routes => _routes.Values;

    /// <summary>Finds the app by id (taken straight from the Host header, hence a span).</summary>
    public bool TryGetRoute(ReadOnlySpan<char> appId, out AppRoute route) => _bySpan.TryGetValue(appId, out route!);
}
