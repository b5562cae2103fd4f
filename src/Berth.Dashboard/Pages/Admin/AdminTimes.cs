using System.Globalization;

namespace Berth.Dashboard.Pages.Admin;

/// <summary>Times on the operator's pages: full date and time in UTC, as the audit log and the CLI print them.</summary>
internal static class AdminTimes
{
    public static string Full(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
