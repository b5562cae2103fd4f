using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Core.Services;

namespace Berth.ControlPlane.Services;

/// <summary>The names and values a binding puts in an app's environment.</summary>
internal static partial class BindingVariables
{
    /// <summary>The prefix of the first binding of a kind: <c>DATABASE</c> (PostgreSQL, MariaDB) or <c>REDIS</c>.</summary>
    public static string DefaultPrefix(ServiceType type) => type == ServiceType.Redis ? "REDIS" : "DATABASE";

    /// <summary>
    /// The prefix of a new binding: <paramref name="requested"/> (upper-cased) when given, else the kind's default, else
    /// the next free numbered one (<c>DB2</c>, <c>DB3</c>… or <c>REDIS2</c>…). Null when the requested one is not a valid name.
    /// </summary>
    public static string? Choose(ServiceType type, string? requested, IReadOnlyCollection<string> taken)
    {
        if (requested is not null)
        {
            return NameFormat().IsMatch(requested) ? requested.ToUpperInvariant() : null;
        }

        var first = DefaultPrefix(type);
        if (!taken.Contains(first))
        {
            return first;
        }

        var stem = type == ServiceType.Redis ? "REDIS" : "DB";
        var n = 2;
        while (taken.Contains($"{stem}{n}"))
        {
            n++;
        }

        return $"{stem}{n}";
    }

    /// <summary><c>{prefix}_URL</c>, <c>_HOST</c>, <c>_PORT</c>, <c>_USER</c>, <c>_PASSWORD</c> and <c>_NAME</c> (the database; Redis: 0).</summary>
    public static IReadOnlyDictionary<string, string> For(ManagedService service, string prefix, string host, int port, string user, string password)
    {
        var (scheme, name) = service.Type switch
        {
            ServiceType.Postgres => ("postgres", service.DatabaseName),
            ServiceType.Mariadb => ("mysql", service.DatabaseName),
            _ => ("redis", "0"),
        };
        return new Dictionary<string, string>
        {
            [$"{prefix}_URL"] = $"{scheme}://{user}:{password}@{host}:{port.ToString(CultureInfo.InvariantCulture)}/{name}",
            [$"{prefix}_HOST"] = host,
            [$"{prefix}_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            [$"{prefix}_USER"] = user,
            [$"{prefix}_PASSWORD"] = password,
            [$"{prefix}_NAME"] = name,
        };
    }

    /// <summary>The names a prefix's variables take.</summary>
    public static IReadOnlyList<string> Names(string prefix) =>
        [$"{prefix}_URL", $"{prefix}_HOST", $"{prefix}_PORT", $"{prefix}_USER", $"{prefix}_PASSWORD", $"{prefix}_NAME"];

    /// <summary>A letter, then letters, digits or '_', at most 32: a shell variable's name.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,31}$")]
    private static partial Regex NameFormat();
}
