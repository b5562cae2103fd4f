using System.Globalization;

namespace Berth.Client;

/// <summary>How values look in tables: short, local and never blank.</summary>
internal static class Display
{
    /// <summary>Shown for a missing value, so columns never look shifted.</summary>
    public const string None = "-";

    /// <summary>The value, or <see cref="None"/>.</summary>
    public static string OrNone(string? value) => string.IsNullOrEmpty(value) ? None : value;

    /// <summary>An enum the way the API spells it.</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>A timestamp in local time, to the second.</summary>
    public static string Time(DateTimeOffset time) =>
        time == default ? None : time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A number in the invariant culture.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first 12 characters of a container id, as Docker shows them.</summary>
    public static string ShortId(string? id) => id is null ? None : id[..Math.Min(12, id.Length)];
}
