using System.Globalization;

namespace Berth.Client;

/// <summary>How values look in tables: short, local and never blank.</summary>
internal static class Display
{
    /// <summary>Shown for a missing value, so columns never look shifted.</summary>
    public const string None = "-";

    /// <summary>The value, or <see cref="None"/>.</summary>
    public static string OrNone(string? value) => string.IsNullOrEmpty(value) ? None : value;

    /// <summary>A name from the API's vocabulary (a state, a strategy), lower case as the CLI has always shown it.</summary>
    public static string Name(string wireName) => wireName.ToLowerInvariant();

    /// <summary>A timestamp in local time, to the second.</summary>
    public static string Time(DateTimeOffset time) =>
        time == default ? None : time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A number in the invariant culture.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A byte count in B, KB, MB or GB (powers of 1024), one decimal above bytes.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    /// <summary>A CPU share as <c>docker stats</c> shows it, to one decimal; <see cref="None"/> when unknown.</summary>
    public static string Percent(double? percent) => percent is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p:0.0} %") : None;

    /// <summary>Memory used of its limit (<c>12.0 MB / 256.0 MB</c>); <see cref="None"/> when unknown.</summary>
    public static string Memory(long? used, long? limit) => used is { } u && limit is { } l ? $"{Bytes(u)} / {Bytes(l)}" : None;

    /// <summary>Milliseconds, to two decimals at most.</summary>
    public static string Milliseconds(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0.##} ms");

    /// <summary>The first 12 characters of a container id, as Docker shows them.</summary>
    public static string ShortId(string? id) => id is null ? None : id[..Math.Min(12, id.Length)];
}
