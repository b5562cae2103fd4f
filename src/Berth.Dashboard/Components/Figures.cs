using System.Globalization;

namespace Berth.Dashboard.Components;

/// <summary>How numbers and times read on the dashboard.</summary>
internal static class Figures
{
    /// <summary>A rate such as requests per second; a dash when unknown.</summary>
    public static string Rate(double? perSecond) => perSecond switch
    {
        null => "—",
        < 10 => perSecond.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => perSecond.Value.ToString("0", CultureInfo.InvariantCulture),
    };

    /// <summary>A CPU share (100 % is one CPU busy); a dash when unknown.</summary>
    public static string Percent(double? percent) => percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";

    /// <summary>Bytes in MiB (or KiB below one); a dash when unknown.</summary>
    public static string Mebibytes(long? bytes) => bytes switch
    {
        null => "—",
        < 1024 * 1024 => (bytes.Value / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes.Value / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };

    /// <summary>Milliseconds with sensible precision.</summary>
    public static string Millis(double ms) =>
        (ms < 10 ? ms.ToString("0.0", CultureInfo.InvariantCulture) : ms.ToString("0", CultureInfo.InvariantCulture)) + " ms";

    /// <summary>How long ago, in words (<c>12 s ago</c>, <c>3 min ago</c>, <c>2 h ago</c>, then the date).</summary>
    public static string Ago(DateTimeOffset time, DateTimeOffset now)
    {
        var age = now - time;
        return age.TotalSeconds switch
        {
            < 1 => "just now",
            < 60 => $"{age.TotalSeconds:0} s ago",
            < 3600 => $"{age.TotalMinutes:0} min ago",
            < 86400 => $"{age.TotalHours:0} h ago",
            _ => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A time of day (UTC), precise to the second.</summary>
    public static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
