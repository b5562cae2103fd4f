using System.Collections.Frozen;
using Berth.Gateway.Access;

namespace Berth.Gateway.Routing;

/// <summary>
/// An immutable snapshot of everything routing needs: app id → route, custom domain → route, the global blacklist.
/// Looked up per request without allocating; swapped whole when discovery changes.
/// </summary>
internal sealed class RouteTable
{
    private readonly FrozenDictionary<string, AppRoute> _routes;
    private readonly FrozenDictionary<string, AppRoute>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly FrozenDictionary<string, AppRoute> _domains;
    private readonly FrozenDictionary<string, AppRoute>.AlternateLookup<ReadOnlySpan<char>> _domainsBySpan;

    /// <summary>Creates a table; app ids and domains match case-insensitively, like host names.</summary>
    public RouteTable(IEnumerable<AppRoute> routes, IEnumerable<KeyValuePair<string, AppRoute>> domains, IpRangeSet globalBlacklist, long revision)
    {
        _routes = routes.ToFrozenDictionary(r => r.AppId, StringComparer.OrdinalIgnoreCase);
        _bySpan = _routes.GetAlternateLookup<ReadOnlySpan<char>>();
        _domains = domains.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _domainsBySpan = _domains.GetAlternateLookup<ReadOnlySpan<char>>();
        GlobalBlacklist = globalBlacklist;
        Revision = revision;
    }

    /// <summary>A table with no app, served until discovery has been read once.</summary>
    public static RouteTable Empty { get; } = new([], [], IpRangeSet.Empty, 0);

    /// <summary>The highest discovery revision reflected in the table.</summary>
    public long Revision { get; }

    /// <summary>How many apps the table knows.</summary>
    public int Count => _routes.Count;

    /// <summary>How many custom domains route to an app.</summary>
    public int DomainCount => _domains.Count;

    /// <summary>Every app route, in no particular order.</summary>
    public IEnumerable<AppRoute> Routes => _routes.Values;

    /// <summary>
    /// True when the blacklists could not be read (discovery refused the gateway's user): every app is refused with 503,
    /// since serving it might let a blacklisted client in.
    /// </summary>
    public bool BlacklistUnreadable { get; init; }

    /// <summary>
    /// ACME HTTP-01 answers by token, served at <c>/.well-known/acme-challenge/{token}</c> for every host. Empty except
    /// while a certificate is being issued, so requests look at the path only when it is not.
    /// </summary>
    public FrozenDictionary<string, string> AcmeChallenges
    {
        get;
        init
        {
            field = value;
            HasAcmeChallenges = value.Count > 0;
        }
    } = FrozenDictionary<string, string>.Empty;

    /// <summary>Whether <see cref="AcmeChallenges"/> holds any answer: a field read, all a request pays when none is pending.</summary>
    public bool HasAcmeChallenges { get; private init; }

    /// <summary>Clients refused for every app.</summary>
    public IpRangeSet GlobalBlacklist { get; }

    /// <summary>Finds the app by id (taken straight from the Host header, hence a span).</summary>
    public bool TryGetRoute(ReadOnlySpan<char> appId, out AppRoute route) => _bySpan.TryGetValue(appId, out route!);

    /// <summary>
    /// The app a Host header names: a custom domain first (exact name), then <c>{appId}.{baseDomain}</c>; null when
    /// neither matches.
    /// </summary>
    public AppRoute? Resolve(ReadOnlySpan<char> host, string domainSuffix)
    {
        var name = HostNames.Name(host);
        if (!name.IsEmpty && _domains.Count > 0 && _domainsBySpan.TryGetValue(name, out var byDomain))
        {
            return byDomain;
        }

        return HostNames.TryGetAppId(name, domainSuffix, out var appId) && _bySpan.TryGetValue(appId, out var route) ? route : null;
    }
}
