using System.Text.RegularExpressions;

namespace Berth.Projects.Planning;

/// <summary>
/// Where a service's environment names another service with its port (<c>http://api:8080/x</c>,
/// <c>postgres://db:5432</c>, <c>kv:6379</c>): the form Berth rewrites to an address on another host when the two
/// services run on different hosts, since a project's network (and so its names) exists on each host separately.
/// </summary>
public static partial class ServiceReferences
{
    /// <summary>Every <c>name:port</c> in the values, name and port, each once.</summary>
    public static IReadOnlyList<(string Service, int Port)> In(IReadOnlyDictionary<string, string> environment) =>
        [.. environment.Values.SelectMany(v => Reference().Matches(v)).Select(m => (m.Groups["name"].Value, int.Parse(m.Groups["port"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))).Distinct()];

    /// <summary>The variables whose value names a service that <paramref name="address"/> gives an address for, rewritten with it.</summary>
    public static IReadOnlyDictionary<string, string> Rewrite(IReadOnlyDictionary<string, string> environment, Func<string, int, string?> address)
    {
        var rewritten = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in environment)
        {
            var changed = Reference().Replace(value, m =>
                address(m.Groups["name"].Value, int.Parse(m.Groups["port"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)) ?? m.Value);
            if (changed != value)
            {
                rewritten[key] = changed;
            }
        }

        return rewritten;
    }

    /// <summary>A DNS label and a port, not part of a longer name (<c>a.kv:1</c>) or number.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9.\-])(?<name>[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?):(?<port>[0-9]{1,5})(?![0-9])")]
    private static partial Regex Reference();
}
