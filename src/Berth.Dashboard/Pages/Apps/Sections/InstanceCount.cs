using System.Globalization;

namespace Berth.Dashboard.Pages.Apps.Sections;

/// <summary>Reads an instance count as typed: empty means "keep the app's count".</summary>
internal static class InstanceCount
{
    public static bool TryRead(string? text, out int? count)
    {
        count = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            count = value;
            return true;
        }

        return false;
    }
}
