using System.Globalization;

namespace Berth.Dashboard.Pages.Apps.Sections;

/// <summary>Reads <c>v1=90, v2=10</c> as typed into the canary weights field; the API checks the versions and values.</summary>
internal static class WeightsText
{
    public static bool TryParse(string? text, out Dictionary<string, int> weights, out string? error)
    {
        weights = new Dictionary<string, int>(StringComparer.Ordinal);
        error = null;
        foreach (var pair in (text ?? "").Split([',', '\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var weight))
            {
                error = $"'{pair}' is not version=weight, such as v2=10";
                return false;
            }

            weights[parts[0]] = weight;
        }

        return true;
    }
}
