using System.Reflection;
using Berth.ControlPlane;
using Berth.ControlPlane.Execution;
using Berth.Discovery.Selection;
using Berth.Gateway;
using Berth.State;

namespace Berth.Hosting.Settings;

/// <summary>
/// Whether a configuration key names a setting Berth reads: its section is one Berth binds and every part of the path
/// below is a settable property (or a list index, or a dictionary key) of that section's options.
/// </summary>
internal static class KnownKeys
{
    private static readonly Dictionary<string, Type?> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [BerthOptions.Section] = typeof(BerthServerOptions),
        [GatewayOptions.SectionName] = typeof(GatewayOptions),
        [DiscoveryOptions.SectionName] = typeof(DiscoveryOptions),
        [StateStoreOptions.Section] = typeof(StateStoreOptions),
        [SchedulingOptions.Section] = typeof(SchedulingOptions),
        // Log levels by category: any category is a setting.
        ["Logging"] = null,
    };

    /// <summary>
    /// Berth's own options carry these, but a server takes them from their top-level sections: under <c>Berth</c> they
    /// would be read by no one.
    /// </summary>
    private static readonly string[] TakenFromTheirOwnSection = [nameof(BerthServerOptions.Discovery), nameof(BerthServerOptions.Gateway)];

    public static bool IsKnown(string key)
    {
        var path = key.Split(':');
        if (!Sections.TryGetValue(path[0], out var type))
        {
            return false;
        }

        if (type == typeof(BerthServerOptions) && path.Length > 1 && TakenFromTheirOwnSection.Contains(path[1], StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return type is null || Known(type, path.AsSpan(1));
    }

    private static bool Known(Type type, ReadOnlySpan<string> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (path.IsEmpty)
        {
            return true;
        }

        if (IsScalar(type))
        {
            return false;
        }

        if (ElementOf(type, typeof(IDictionary<,>)) is { } dictionary)
        {
            return Known(dictionary.GetGenericArguments()[1], path[1..]);
        }

        if (type.IsArray || ElementOf(type, typeof(IEnumerable<>)) is not null)
        {
            var element = type.IsArray ? type.GetElementType()! : ElementOf(type, typeof(IEnumerable<>))!.GetGenericArguments()[0];
            return int.TryParse(path[0], out _) && Known(element, path[1..]);
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && (property.CanWrite || !IsScalar(property.PropertyType)) && Known(property.PropertyType, path[1..]);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Uri) || type == typeof(Guid);

    private static Type? ElementOf(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
}
