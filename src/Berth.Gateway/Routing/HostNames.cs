namespace Berth.Gateway.Routing;

/// <summary>Reads names out of a Host header: the bare name, and the app id of <c>{appId}.{baseDomain}[:port]</c>.</summary>
internal static class HostNames
{
    /// <summary>The host name without port and root dot; empty for an IPv6 literal (never an app).</summary>
    public static ReadOnlySpan<char> Name(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty || host[0] == '[')
        {
            return default;
        }

        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            host = host[..colon];
        }

        // A fully qualified name may end with the root dot.
        return host.EndsWith('.') ? host[..^1] : host;
    }

    /// <summary>
    /// The label just before <paramref name="domainSuffix"/> (<c>.{baseDomain}</c>), so <c>www.demo.localhost</c> is app
    /// <c>demo</c>; false for hosts outside the base domain, IP literals and the bare base domain.
    /// </summary>
    public static bool TryGetAppId(ReadOnlySpan<char> host, string domainSuffix, out ReadOnlySpan<char> appId)
    {
        appId = default;
        host = Name(host);
        if (host.Length <= domainSuffix.Length || !host.EndsWith(domainSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = host[..^domainSuffix.Length];
        appId = rest[(rest.LastIndexOf('.') + 1)..];
        return !appId.IsEmpty;
    }
}
