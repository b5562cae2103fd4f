namespace Berth.Gateway.Routing;

/// <summary>Reads the app id out of a Host header: <c>{appId}.{baseDomain}[:port]</c>.</summary>
internal static class HostNames
{
    /// <summary>
    /// The label just before <paramref name="domainSuffix"/> (<c>.{baseDomain}</c>), so <c>www.demo.localhost</c> is app
    /// <c>demo</c>; false for hosts outside the base domain, IP literals and the bare base domain.
    /// </summary>
    public static bool TryGetAppId(ReadOnlySpan<char> host, string domainSuffix, out ReadOnlySpan<char> appId)
    {
        appId = default;
        if (host.IsEmpty || host[0] == '[')
        {
            return false;
        }

        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            host = host[..colon];
        }

        // A fully qualified name may end with the root dot.
        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        if (host.Length <= domainSuffix.Length || !host.EndsWith(domainSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = host[..^domainSuffix.Length];
        appId = rest[(rest.LastIndexOf('.') + 1)..];
        return !appId.IsEmpty;
    }
}
